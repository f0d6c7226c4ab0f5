// End-to-end suite: Debian's Chromium headless shell against real `support-contacts serve` processes.
// Every spec runs in each language (en, zh-TW, ja-JP) three times: on a laptop and on a
// phone-sized viewport (axe and screenshots need JavaScript in the browser, for axe itself), and
// on a laptop with JavaScript off, because every journey must work without it.

const { defineConfig } = require('@playwright/test');
const { paths } = require('./support/paths');
const { LOCALES } = require('./support/l10n');

const VIEWPORTS = {
  laptop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  'no-js': { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false },
};

module.exports = defineConfig({
  testDir: './specs',
  outputDir: paths.testResults,
  globalSetup: require.resolve('./support/global-setup'),
  timeout: 60_000,
  expect: { timeout: 5_000 },
  // Each test starts its own server on its own database, so tests may run side by side.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], [require.resolve('./support/summary-reporter')]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: paths.chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: process.env.E2E_TRACE || 'off',
    screenshot: 'only-on-failure',
  },
  projects: LOCALES.flatMap((locale) =>
    Object.entries(VIEWPORTS).map(([viewportName, device]) => ({
      name: `${locale}-${viewportName}`,
      use: { ...device, locale, viewportName },
    }))
  ),
});
