// Before any test: fail loudly if the browser or the server is missing, and start this run's
// screenshots and page checks afresh.

const fs = require('node:fs');
const { paths } = require('./paths');
const { serverBinary } = require('./server');

module.exports = async function globalSetup() {
  for (const dir of [paths.screenshots, paths.checks]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  try {
    fs.accessSync(paths.chromium, fs.constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${paths.chromium}. Install Debian's: apt-get install -y chromium-headless-shell fonts-noto-cjk ` +
        '(or set CHROMIUM_PATH). The suite never downloads a browser of its own.'
    );
  }
  serverBinary();
};
