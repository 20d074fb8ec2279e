// The baseline of the join bench: bare node:http doing the patient-link lookup and nothing else: the
// sha256 of the token, one SELECT by primary key on join_links with the API's own driver
// (better-sqlite3 or mysql2), and a 302 to JOIN_LOCATION. No window check, vault, audit or logging.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const databaseUrl = process.env.DATABASE_URL ?? '';
const location = process.env.JOIN_LOCATION ?? '';

let lookup;
let close = async () => undefined;
if (databaseUrl.startsWith('sqlite:')) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true });
  db.pragma('busy_timeout = 5000');
  const select = db.prepare('SELECT appointment_id FROM join_links WHERE id = ?');
  lookup = async (id) => select.get(id);
  close = async () => db.close();
} else {
  const { createPool } = await import('mysql2/promise');
  const target = new URL(databaseUrl);
  const pool = createPool({
    host: target.hostname,
    port: Number(target.port || 3306),
    user: decodeURIComponent(target.username || 'root'),
    password: decodeURIComponent(target.password),
    database: target.pathname.slice(1),
    connectionLimit: 10,
  });
  lookup = async (id) =>
    (await pool.execute('SELECT appointment_id FROM join_links WHERE id = ?', [id]))[0][0];
  close = () => pool.end();
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"status":"ok"}');
    return;
  }
  const token = req.method === 'GET' && req.url?.startsWith('/join/') ? req.url.slice('/join/'.length) : '';
  if (!token) {
    res.writeHead(404).end();
    return;
  }
  lookup(createHash('sha256').update(token).digest('hex')).then(
    (row) => {
      if (row) res.writeHead(302, { location, 'content-length': 0 }).end();
      else res.writeHead(404).end();
    },
    () => res.writeHead(500).end(),
  );
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void close().then(() => process.exit(0))));
