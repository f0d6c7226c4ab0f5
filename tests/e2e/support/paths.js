// Where the suite finds the app and the browser, and where it writes what it saw.

const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const outDir = path.resolve(process.env.E2E_OUT_DIR || path.join(repoRoot, 'target', 'e2e'));

const paths = {
  repoRoot,
  localesDir: path.join(repoRoot, 'locales'),
  serverBinary: path.resolve(
    process.env.SUPPORT_CONTACTS_BIN || path.join(repoRoot, 'target', 'debug', 'support-contacts')
  ),
  // Chromium's headless shell: the same engine as the full browser for a third less CPU.
  chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium-headless-shell',
  outDir,
  screenshots: path.join(outDir, 'screenshots'),
  // One JSON file per page check: what axe found there. The summary reporter adds them up.
  checks: path.join(outDir, 'checks'),
  testResults: path.join(outDir, 'test-results'),
};

module.exports = { paths };
