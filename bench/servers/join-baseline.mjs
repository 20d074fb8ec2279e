// The baseline of the join bench: bare node:http doing the patient-link lookup and nothing else: the
// sha256 of the token, the API's own SELECT (join link, appointment and Zoom mapping by the link's
// primary key, as in libs/api/mapping/src/join-links/join-lookup.ts) with the API's own driver
// (better-sqlite3 or mysql2), and a 302 to JOIN_LOCATION. No window check, vault, audit or logging.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const databaseUrl = process.env.DATABASE_URL ?? '';
const location = process.env.JOIN_LOCATION ?? '';

// The same statement the API prepares; keep in step with JoinLookup.
const SQL = `SELECT a.id AS appointment_id, a.clinic_id, a.status, a.start_time, a.duration_minutes, a.timezone,
  a.video_provider, m.status AS zoom_status, m.last_error AS zoom_last_error, m.join_url AS zoom_join_url
FROM join_links l
JOIN appointments a ON a.id = l.appointment_id
LEFT JOIN appointment_zoom_mappings m ON m.appointment_id = a.id
WHERE l.id = ?`;

let lookup;
let close = async () => undefined;
if (databaseUrl.startsWith('sqlite:')) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true });
  db.pragma('busy_timeout = 5000');
  const select = db.prepare(SQL);
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
  lookup = async (id) => (await pool.execute(SQL, [id]))[0][0];
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
