// The deployment files: docker-compose.yml must be accepted by docker-compose (and a broken copy
// rejected), and the Dockerfile, .dockerignore and .env.example must keep the promises that
// docs/deployment.md makes. No Docker engine is needed: `docker-compose config` validates offline.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithService } from '@televisit/testing';

const ROOT = join(__dirname, '../..');
const CONTRACT = join(ROOT, '../shared/docs/contract.md');

/** The contract's configuration table as of this spec, used when the contract is not beside the repo. */
const FALLBACK_CONTRACT_VARIABLES = [
  'PORT',
  'PUBLIC_URL',
  'DATABASE_URL',
  'TOKEN_ENCRYPTION_KEYS',
  'SESSION_SECRET',
  'BOOTSTRAP_ADMIN_EMAIL',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'ZOOM_CLIENT_ID',
  'ZOOM_CLIENT_SECRET',
  'ZOOM_WEBHOOK_SECRET_TOKEN',
  'ZOOM_OAUTH_BASE_URL',
  'ZOOM_API_BASE_URL',
  'GOOGLE_CLIENT_ID',
  'GOOGLE_CLIENT_SECRET',
  'GOOGLE_AUTH_URL',
  'GOOGLE_TOKEN_URL',
  'GOOGLE_REVOKE_URL',
  'GOOGLE_API_ROOT_URL',
  'SANDBOX',
  'WORKER',
];

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** Variable names of the "Configuration (environment)" table, in table order. */
function contractVariables(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Configuration (environment)'));
  if (!section) throw new Error('contract.md has no "Configuration (environment)" section');
  const firstCells = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|')[1] ?? '')
    .slice(2); // header row and --- row
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] ?? ''));
}

// ---------------------------------------------------------------------------------------------
// `docker-compose config` prints block-style YAML (PyYAML). This reads that subset: nested maps,
// sequences of scalars or maps, quoted or plain scalars (kept as strings), folded continuations.
type Yaml = string | Yaml[] | { [key: string]: Yaml };
interface Line {
  indent: number;
  text: string;
}

function unquote(raw: string): string {
  const s = raw.trim();
  if (s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.startsWith('"') && s.endsWith('"')) return JSON.parse(s) as string;
  return s;
}

function scalar(raw: string): Yaml {
  if (raw.trim() === '{}') return {};
  if (raw.trim() === '[]') return [];
  return unquote(raw);
}

function parseYaml(text: string): Yaml {
  const lines: Line[] = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
    .map((l) => ({ indent: l.search(/\S/), text: l.trim() }));
  let i = 0;
  const entry = /^((?:'[^']*'|"[^"]*"|[^'"\s][^:]*)):(?:\s+(.*))?$/;

  function continued(value: string, indent: number): string {
    let out = value;
    while (i < lines.length && (lines[i]?.indent ?? 0) > indent && !entry.test(lines[i]?.text ?? '')) {
      out += ` ${lines[i]?.text ?? ''}`;
      i++;
    }
    return out;
  }

  function node(indent: number): Yaml {
    const first = lines[i];
    if (!first) return '';
    if (first.text.startsWith('- ')) {
      const list: Yaml[] = [];
      while (i < lines.length && lines[i]?.indent === indent && lines[i]?.text.startsWith('- ')) {
        const line = lines[i] as Line;
        const item = line.text.slice(2);
        if (entry.test(item)) {
          // A map inside the sequence: its first entry sits on the dash line.
          lines[i] = { indent: indent + 2, text: item };
          list.push(map(indent + 2));
        } else {
          i++;
          list.push(scalar(continued(item, indent)));
        }
      }
      return list;
    }
    return map(indent);
  }

  function map(indent: number): Yaml {
    const out: { [key: string]: Yaml } = {};
    while (i < lines.length && lines[i]?.indent === indent && !lines[i]?.text.startsWith('- ')) {
      const match = entry.exec(lines[i]?.text ?? '');
      if (!match) throw new Error(`unexpected YAML line: ${lines[i]?.text}`);
      i++;
      const key = unquote(match[1] ?? '');
      const next = lines[i];
      if (match[2] !== undefined) out[key] = scalar(continued(match[2], indent));
      else if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- '))))
        out[key] = node(next.indent);
      else out[key] = '';
    }
    return out;
  }

  return node(lines[0]?.indent ?? 0);
}

function at(value: Yaml | undefined, ...path: string[]): Yaml | undefined {
  let cur = value;
  for (const key of path) {
    if (cur === undefined || typeof cur === 'string' || Array.isArray(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------

/** Values that look like generated key material: 32 bytes in base64, long hex or base64url runs. */
function looksLikeSecret(value: string): boolean {
  return /[A-Za-z0-9+/]{43}=/.test(value) || /[0-9a-f]{32,}/i.test(value) || /[A-Za-z0-9_-]{40,}/.test(value);
}

function envAssignments(text: string): Array<{ line: number; name: string; value: string }> {
  return text.split('\n').flatMap((raw, line) => {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(raw);
    return m ? [{ line, name: m[1] ?? '', value: m[2] ?? '' }] : [];
  });
}

/** Dockerfile instructions with `\` continuations joined and comments dropped. */
function dockerfileInstructions(text: string): Array<{ op: string; args: string }> {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

describe('deployment files (static)', () => {
  const envExample = read('.env.example');
  const assignments = envAssignments(envExample);
  const lines = envExample.split('\n');
  const contract = existsSync(CONTRACT)
    ? contractVariables(readFileSync(CONTRACT, 'utf8'))
    : FALLBACK_CONTRACT_VARIABLES;

  it('reads the configuration table of the contract', () => {
    expect(contract).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'TOKEN_ENCRYPTION_KEYS', 'WORKER']),
    );
  });

  it('.env.example assigns every contract variable once, in contract order, each under a comment', () => {
    const positions = contract.map((name) => {
      const found = assignments.filter((a) => a.name === name);
      expect({ name, assignments: found.length }).toEqual({ name, assignments: 1 });
      const line = found[0]?.line ?? -1;
      expect({ name, commentAbove: lines[line - 1]?.startsWith('#') }).toEqual({ name, commentAbove: true });
      return line;
    });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('.env.example is production-flavoured and points at the compose MariaDB', () => {
    const value = (name: string) => assignments.find((a) => a.name === name)?.value;
    expect(value('NODE_ENV')).toBe('production');
    expect(value('PUBLIC_URL')).toMatch(/^https:\/\//);
    expect(value('DATABASE_URL')).toMatch(/^mysql:\/\/[^:@]+:[^@]+@mariadb:3306\/\w+$/);
    expect(value('SANDBOX')).toBe('false');
    for (const name of ['MARIADB_USER', 'MARIADB_PASSWORD', 'MARIADB_DATABASE']) {
      expect({ name, set: Boolean(value(name)) }).toEqual({ name, set: true });
    }
  });

  it('.env.example holds placeholders, never a real-looking secret', () => {
    // The detector itself must catch what the generation commands in the comments produce.
    expect(looksLikeSecret(`k1:${randomBytes(32).toString('base64')}`)).toBe(true);
    expect(looksLikeSecret(randomBytes(32).toString('base64url'))).toBe(true);
    expect(looksLikeSecret(randomBytes(24).toString('hex'))).toBe(true);
    for (const { name, value } of assignments) {
      expect({ name, looksLikeSecret: looksLikeSecret(value) }).toEqual({ name, looksLikeSecret: false });
      if (/(PASSWORD|SECRET|_KEYS|_TOKEN)$/.test(name)) {
        expect({ name, placeholder: value === '' || value === 'change-me' }).toEqual({
          name,
          placeholder: true,
        });
      }
    }
    expect(new URL(assignments.find((a) => a.name === 'DATABASE_URL')?.value ?? '').password).toBe(
      'change-me',
    );
  });

  it('Dockerfile builds in stages and runs migrations, then the API, as a non-root user', () => {
    const steps = dockerfileInstructions(read('Dockerfile'));
    const froms = steps.filter((s) => s.op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const args = Object.fromEntries(
      steps.filter((s) => s.op === 'ARG').map((s) => s.args.split('=') as [string, string | undefined]),
    );
    const bases = froms.map((s) => s.args.replace(/\$\{(\w+)\}/g, (_m, name: string) => args[name] ?? ''));
    expect(bases[0]).toMatch(/^node:20-bookworm-slim /);
    expect(bases[bases.length - 1]).toMatch(/^node:20-bookworm-slim /);
    expect(steps.find((s) => s.op === 'RUN' && /python3/.test(s.args))?.args).toMatch(/\bmake\b.*\bg\+\+/);
    expect(steps.some((s) => s.op === 'RUN' && /npm ci --omit=dev/.test(s.args))).toBe(true);

    const runtime = steps.slice(steps.lastIndexOf(froms[froms.length - 1] as (typeof steps)[number]));
    const users = runtime.filter((s) => s.op === 'USER').map((s) => s.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.find((s) => s.op === 'HEALTHCHECK')?.args).toMatch(/node.*\/healthz/);
    expect(runtime.some((s) => s.op === 'EXPOSE' && /\b3000\b/.test(s.args))).toBe(true);
    expect(runtime.some((s) => s.op === 'ENV' && /NODE_ENV=production/.test(s.args))).toBe(true);
    expect(runtime.find((s) => s.op === 'CMD')?.args).toMatch(
      /cli\.js migrate && exec node dist\/apps\/api\/main\.js/,
    );
  });

  it('.dockerignore keeps dependencies, outputs, data, git and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'data', 'tmp', '.git', '.nx', '.env']) {
      expect({ entry, ignored: ignored.includes(entry) }).toEqual({ entry, ignored: true });
    }
  });

  it('docker-compose.yml takes secrets from .env only', () => {
    const compose = read('docker-compose.yml');
    expect(compose).toMatch(/^ {4}env_file: \.env$/m);
    const secrets = [...compose.matchAll(/^\s*(\w*(?:PASSWORD|SECRET|KEYS|TOKEN)\w*):\s*(.*)$/gm)];
    expect(secrets.map((m) => m[1])).toEqual(expect.arrayContaining(['MARIADB_PASSWORD']));
    // The api container reads all of .env: a root password there would reach it.
    expect(compose).not.toContain('MARIADB_ROOT_PASSWORD');
    expect(read('.env.example')).not.toContain('MARIADB_ROOT_PASSWORD');
    for (const [, variable, value = ''] of secrets.filter((m) => m[1] !== 'MARIADB_RANDOM_ROOT_PASSWORD')) {
      expect({ variable, interpolated: value.startsWith('${') }).toEqual({ variable, interpolated: true });
    }
  });
});

describeWithService('dockerCompose', 'docker-compose.yml', () => {
  let dir: string;

  /** docker-compose in `dir`, with none of this shell's variables leaking into interpolation. */
  function compose(args: string[], file = 'docker-compose.yml') {
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir };
    const r = spawnSync('docker-compose', ['-f', file, ...args], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'televisit-compose-'));
    copyFileSync(join(ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    copyFileSync(join(ROOT, 'Dockerfile'), join(dir, 'Dockerfile'));
    copyFileSync(join(ROOT, '.env.example'), join(dir, '.env'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validates with .env.example as .env', () => {
    const r = compose(['config', '-q']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it.each([
    [
      'an unknown service option',
      (y: string) => y.replace(/^ {2}api:$/m, '  api:\n    not_a_compose_option: true'),
    ],
    [
      'an invalid depends_on condition',
      (y: string) => y.replace('condition: service_healthy', 'condition: healthy'),
    ],
    ['a dependency on a missing service', (y: string) => y.replace(/^ {2}redis:$/m, '  cache:')],
  ])('rejects a copy with %s', (_what, breakIt) => {
    const original = readFileSync(join(dir, 'docker-compose.yml'), 'utf8');
    const broken = breakIt(original);
    expect(broken).not.toBe(original);
    writeFileSync(join(dir, 'broken.yml'), broken);
    const r = compose(['config', '-q'], 'broken.yml');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/invalid|unsupported|undefined/i);
  });

  it('refuses to interpolate without the MariaDB password', () => {
    const env = readFileSync(join(dir, '.env'), 'utf8');
    writeFileSync(join(dir, '.env'), env.replace(/^MARIADB_PASSWORD=.*$/m, ''));
    try {
      const r = compose(['config', '-q']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/MARIADB_PASSWORD/);
    } finally {
      writeFileSync(join(dir, '.env'), env);
    }
  });

  describe('resolved configuration', () => {
    let config: Yaml;
    beforeAll(() => {
      const r = compose(['config']);
      expect(r.status).toBe(0);
      config = parseYaml(r.stdout);
    });

    it('has exactly the api, mariadb and redis services', () => {
      expect(Object.keys(at(config, 'services') as object).sort()).toEqual(['api', 'mariadb', 'redis']);
    });

    it('starts the api only once mariadb and redis are healthy', () => {
      expect(at(config, 'services', 'api', 'depends_on')).toEqual({
        mariadb: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    });

    it.each([
      ['mariadb', /healthcheck\.sh --connect --innodb_initialized|mariadb-admin ping/],
      ['redis', /redis-cli ping/],
      ['api', /node -e .*\/(healthz|readyz)/],
    ])('health-checks %s', (service, command) => {
      const test = at(config, 'services', service, 'healthcheck', 'test');
      expect(Array.isArray(test) && test[0]).toBe('CMD');
      expect((test as string[]).slice(1).join(' ')).toMatch(command);
    });

    it('keeps MariaDB data in a named volume and pins the images', () => {
      expect(at(config, 'services', 'mariadb', 'image')).toMatch(/^mariadb:(10\.11|11)/);
      expect(at(config, 'services', 'redis', 'image')).toBe('redis:7-alpine');
      expect(at(config, 'services', 'mariadb', 'volumes')).toEqual([
        expect.stringMatching(/^mariadb-data:\/var\/lib\/mysql/),
      ]);
      expect(at(config, 'volumes', 'mariadb-data')).toEqual({});
    });

    it('runs the api from the local build, hardened, on port 3000', () => {
      const api = (name: string) => at(config, 'services', 'api', name);
      expect(at(config, 'services', 'api', 'build', 'context')).toBe(dir);
      expect(api('restart')).toBe('unless-stopped');
      expect(api('read_only')).toBe('true');
      expect(api('tmpfs')).toEqual(['/tmp']);
      expect(api('ports')).toEqual([{ published: '3000', target: '3000' }]);
    });

    it('feeds .env to the api and builds DATABASE_URL for the mariadb service', () => {
      const env = (name: string) => at(config, 'services', 'api', 'environment', name);
      expect(env('NODE_ENV')).toBe('production');
      expect(env('PUBLIC_URL')).toBe('https://televisit.example.org');
      expect(env('PORT')).toBe('3000');
      expect(env('DATABASE_URL')).toBe('mysql://televisit:change-me@mariadb:3306/televisit');
      expect(at(config, 'services', 'mariadb', 'environment', 'MARIADB_PASSWORD')).toBe('change-me');
    });
  });
});
