// A real `support-contacts serve --demo` process on a fresh SQLite database and a free port.
//
// Every test gets its own server, so a journey that changes a designated support contact never
// changes what another test sees, and the tests can run in any order and in parallel.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { paths } = require('./paths');

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** The server binary, or a clear error that says how to build it. */
function serverBinary() {
  const bin = paths.serverBinary;
  if (!fs.existsSync(bin)) {
    throw new Error(
      `The server binary ${bin} does not exist. Build it with ` +
        '`cargo build --bin support-contacts` (tests/e2e/run.sh does that), ' +
        'or point SUPPORT_CONTACTS_BIN at one.'
    );
  }
  return bin;
}

/**
 * Starts a server with the demo world; resolves once it prints the address it listens on.
 * @returns {Promise<{url: string, password: string, output: () => string, stop: () => Promise<void>}>}
 */
async function startServer() {
  const bin = serverBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'support-contacts-e2e-'));
  // Every demo user's password; made up per server so no test depends on a known secret.
  const password = `e2e-${crypto.randomBytes(9).toString('base64url')}`;
  const child = spawn(bin, ['serve', '--demo', '--bind', '127.0.0.1:0'], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${path.join(dir, 'demo.db')}`,
      DEMO_PASSWORD: password,
      WORKERS: '1',
      RUST_LOG: process.env.E2E_SERVER_LOG || 'warn',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The server did not start within ${START_TIMEOUT_MS} ms. Its output:\n${output}`));
    }, START_TIMEOUT_MS);
    const look = () => {
      const found = output.match(/Listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', look);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (code ${code}, signal ${signal}) before listening. Its output:\n${output}`));
    });
  }).catch(async (error) => {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }

  return { url, password, output: () => output, stop };
}

module.exports = { startServer, serverBinary };
