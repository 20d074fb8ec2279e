/** One vendor call as the fake saw it. Never holds tokens or secrets. */
export interface SandboxCall {
  seq: number;
  at: string;
  vendor: 'zoom' | 'google';
  method: string;
  /** Path below the vendor's mount, without the query string, e.g. `/v2/users/me`. */
  path: string;
  status: number;
  /** The vendor user whose access token authorised the call, when it was one. */
  subject?: string;
  /** For token endpoint calls, the grant type. */
  grantType?: string;
  /** What the fault knobs did to the call, if anything. */
  fault?: 'error' | 'timeout';
}

/** The sandbox's record of every vendor call, for assertions ("no call for that user afterwards"). */
export class CallLog {
  private readonly calls: SandboxCall[] = [];
  private seq = 0;

  constructor(private readonly now: () => number) {}

  record(call: Omit<SandboxCall, 'seq' | 'at'>): SandboxCall {
    const entry = { seq: ++this.seq, at: new Date(this.now()).toISOString(), ...call };
    this.calls.push(entry);
    if (this.calls.length > 50_000) this.calls.splice(0, this.calls.length - 50_000);
    return entry;
  }

  list(
    filter: Partial<Pick<SandboxCall, 'vendor' | 'subject' | 'method' | 'grantType'>> = {},
  ): SandboxCall[] {
    return this.calls.filter((call) =>
      Object.entries(filter).every(([key, value]) => call[key as keyof SandboxCall] === value),
    );
  }

  clear(): void {
    this.calls.length = 0;
  }
}
