// Jest globalSetup: finds out once which external services this run can use and writes the answer
// to tmp/test-report/services.json, which @televisit/testing's describeWithService reads.
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');

function tcp(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(`nothing answers on ${host}:${port} (timeout)`));
    socket.once('connect', () => done(true));
    socket.once('error', (e) => done(`nothing answers on ${host}:${port} (${e.code})`));
  });
}

function command(file, args) {
  try {
    execFileSync(file, args, { stdio: 'ignore', timeout: 20000 });
    return true;
  } catch (e) {
    return `${file} is not usable (${e.code ?? e.status})`;
  }
}

module.exports = async function probeServices() {
  const mariadbUrl = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';
  const { hostname, port } = new URL(mariadbUrl);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const results = {
    mariadb: await tcp(hostname, Number(port || 3306)),
    redis: await tcp('127.0.0.1', 6379),
    chromium: existsSync(chromium) ? true : `${chromium} is missing (apt-get install -y chromium)`,
    dockerCompose: command('docker-compose', ['version']),
  };
  const services = Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      r === true ? { available: true } : { available: false, reason: r },
    ]),
  );
  const dir = path.join(__dirname, '../../tmp/test-report');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'services.json'), JSON.stringify(services, null, 2));
};
