import { personalMeetingId, zoomId } from './zoom-ids';

export interface ZoomUser {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  pmi: number;
  timezone: string;
  /** `Owner` for the account's first user, `Member` afterwards. */
  roleName: 'Owner' | 'Member';
  createdAt: number;
}

/** Security settings an account admin has locked on: Zoom puts them back whatever the API caller sent. */
export interface ForcedSecurity {
  waitingRoom: boolean;
  passcode: boolean;
}

export interface ZoomAccount {
  id: string;
  forced: ForcedSecurity;
}

/** A Server-to-Server OAuth app, which only ever acts for the account it was created in. */
export interface ServerToServerApp {
  accountId: string;
  clientId: string;
  clientSecret: string;
}

export interface NewUser {
  email: string;
  firstName?: string;
  lastName?: string;
  timezone?: string;
}

/** Accounts, users and Server-to-Server apps. Users are found by id or (case-insensitive) email. */
export class ZoomDirectory {
  private readonly accounts = new Map<string, ZoomAccount>();
  private readonly users = new Map<string, ZoomUser>();
  private readonly byEmail = new Map<string, ZoomUser>();
  private readonly apps = new Map<string, ServerToServerApp>();

  constructor(private readonly now: () => number) {}

  account(accountId: string): ZoomAccount | undefined {
    return this.accounts.get(accountId);
  }

  ensureAccount(accountId: string = zoomId()): ZoomAccount {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = { id: accountId, forced: { waitingRoom: false, passcode: false } };
      this.accounts.set(accountId, account);
    }
    return account;
  }

  /** Adds a user to an account (created when missing); an email already in use is refused. */
  addUser(accountId: string, input: NewUser): ZoomUser {
    const email = input.email.trim();
    if (this.byEmail.has(email.toLowerCase())) throw new RangeError(`user ${email} already exists`);
    this.ensureAccount(accountId);
    const local = email.split('@')[0] ?? 'user';
    const user: ZoomUser = {
      id: zoomId(),
      accountId,
      email,
      firstName: input.firstName ?? capitalise(local),
      lastName: input.lastName ?? 'Sandbox',
      pmi: personalMeetingId(),
      timezone: input.timezone ?? 'America/New_York',
      roleName: this.usersOf(accountId).length === 0 ? 'Owner' : 'Member',
      createdAt: this.now(),
    };
    this.users.set(user.id, user);
    this.byEmail.set(email.toLowerCase(), user);
    return user;
  }

  /** User-managed OAuth: a new email signs up for Zoom and so gets an account of its own. */
  findOrSignUp(email: string): ZoomUser {
    return this.findUser(email) ?? this.addUser(zoomId(), { email });
  }

  findUser(idOrEmail: string): ZoomUser | undefined {
    return this.users.get(idOrEmail) ?? this.byEmail.get(idOrEmail.trim().toLowerCase());
  }

  user(userId: string): ZoomUser | undefined {
    return this.users.get(userId);
  }

  /** In creation order, which is the order Zoom's list keeps between pages. */
  usersOf(accountId: string): ZoomUser[] {
    return [...this.users.values()].filter((user) => user.accountId === accountId);
  }

  owner(accountId: string): ZoomUser | undefined {
    return this.usersOf(accountId)[0];
  }

  registerApp(app: ServerToServerApp): void {
    this.ensureAccount(app.accountId);
    this.apps.set(app.clientId, { ...app });
  }

  app(clientId: string): ServerToServerApp | undefined {
    return this.apps.get(clientId);
  }

  forceSecurity(accountId: string, forced: Partial<ForcedSecurity>): ForcedSecurity {
    const account = this.ensureAccount(accountId);
    Object.assign(account.forced, forced);
    return { ...account.forced };
  }
}

function capitalise(word: string): string {
  const clean = word.replace(/[^A-Za-z]/g, '') || 'User';
  return clean.charAt(0).toUpperCase() + clean.slice(1).toLowerCase();
}
