// Multi-factor authentication (issue #12), as a person meets it: Contoso's Helpdesk agent opens
// Multi-factor authentication from the account page, sets it up with the key the page shows
// (the authenticator app is played here by RFC 6238 computed with node's HMAC-SHA1), keeps the
// recovery codes shown once, signs out and signs in again with a code. Then Contoso's Global
// admin requires MFA for everyone, and the Sales agent is sent through the set-up at sign-in.
// Every MFA page is checked with axe like any other.

const crypto = require('node:crypto');
const { test, expect, USERS } = require('../support/test');

const STEP_SECONDS = 30;

/** The bytes of a base32 key (RFC 4648, spaces and padding ignored). */
function base32Bytes(key) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of key.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not base32: ${c}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The six-digit code of `key` for time step `step` (RFC 4226 truncation of HMAC-SHA1). */
function totp(key, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Bytes(key)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

const stepNow = () => Math.floor(Date.now() / 1000 / STEP_SECONDS);

/** The page's list of facts (status, recovery codes left). */
const details = (app) => app.page.getByRole('main').locator('dl.details');

/** A field of the page by its visible label. */
const field = (app, labelId) => app.page.getByLabel(app.t(labelId), { exact: true });

/**
 * Sets MFA up on the page that shows the QR code and the key: reads the key as a person would
 * type it into the app, enters the app's code. Resolves to the key and the step used.
 */
async function setUp(app, { atSignIn }) {
  await expect(app.heading()).toHaveText(app.t('mfa-setup-title'));
  const main = app.page.getByRole('main');
  if (atSignIn) await expect(main).toContainText(app.t('mfa-setup-required-intro'));
  await expect(main.locator('svg.qr-code'), 'the QR code is drawn in the page').toBeVisible();
  const key = (await app.page.locator('#mfa-key').innerText()).replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await app.check(atSignIn ? 'mfa-setup-sign-in' : 'mfa-setup');

  // A wrong code first: refused, with the reason, and the same key to try again.
  const step = stepNow();
  const wrong = totp(key, step) === '000000' ? '111111' : '000000';
  await field(app, 'mfa-code-label').fill(wrong);
  await app.button('mfa-setup-submit').click();
  await expect(app.page.getByRole('alert')).toHaveText(app.t('mfa-error-code'));
  await expect(field(app, 'mfa-code-label')).toHaveAttribute('aria-invalid', 'true');
  expect((await app.page.locator('#mfa-key').innerText()).replace(/\s/g, '')).toBe(key);
  await app.check(atSignIn ? 'mfa-setup-sign-in-refused' : 'mfa-setup-refused', { screenshot: false });

  const used = stepNow();
  await field(app, 'mfa-code-label').fill(totp(key, used));
  await app.button('mfa-setup-submit').click();
  await expect(app.heading()).toHaveText(app.t('mfa-codes-title'));
  await expect(app.page.getByRole('status')).toHaveText(app.t('mfa-codes-once'));
  const codes = await app.page.getByRole('list', { name: app.t('mfa-codes-title') }).getByRole('listitem').allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  await app.check(atSignIn ? 'mfa-codes-sign-in' : 'mfa-codes');
  return { key, used, codes };
}

/** A code the server has not accepted yet: this step's, or the next one's after `used`. */
function nextCode(key, used) {
  return totp(key, Math.max(stepNow(), used + 1));
}

test('a user sets up MFA from the account page, then signs in with a code', async ({ app }) => {
  test.setTimeout(120_000);
  let enrolled;

  await test.step('the account page leads to Multi-factor authentication: off', async () => {
    await app.goto('/sign-in');
    await app.signIn(USERS.helpdesk);
    await expect(app.heading()).toHaveText(app.t('customers-title'));
    await app.page.getByRole('link', { name: app.t('nav-change-password'), exact: true }).click();
    await app.page.getByRole('main').getByRole('link', { name: app.t('mfa-account-link'), exact: true }).click();
    await expect(app.heading()).toHaveText(app.t('mfa-title'));
    await expect(app.detail(app.t('mfa-status'), details(app))).toHaveText(app.t('mfa-status-off'));
    await app.check('mfa-account-off');
    await app.page.getByRole('main').getByRole('link', { name: app.t('mfa-set-up'), exact: true }).click();
  });

  await test.step('Set up: QR code, key, a code; recovery codes shown once', async () => {
    enrolled = await setUp(app, { atSignIn: false });
    await app.page.getByRole('link', { name: app.t('mfa-codes-continue'), exact: true }).click();
    await expect(app.heading()).toHaveText(app.t('mfa-title'));
    await expect(app.detail(app.t('mfa-status'), details(app))).not.toHaveText(app.t('mfa-status-off'));
    await expect(app.detail(app.t('mfa-codes-title'), details(app))).toHaveText(app.t('mfa-codes-unused', { count: 10 }));
    await app.check('mfa-account-on');
  });

  await test.step('sign out, sign in: the password, then a code from the app', async () => {
    await app.signOut();
    await app.signIn(USERS.helpdesk);
    await expect(app.heading()).toHaveText(app.t('mfa-sign-in-title'));
    await expect(field(app, 'mfa-code-label')).toHaveAccessibleDescription(app.t('mfa-code-or-recovery-hint'));
    await app.check('mfa-sign-in');

    await field(app, 'mfa-code-label').fill(totp(enrolled.key, enrolled.used));
    await app.button('mfa-verify').click();
    await expect(app.page.getByRole('alert')).toHaveText(app.t('mfa-error-code-used'));
    await app.check('mfa-sign-in-refused', { screenshot: false });

    await field(app, 'mfa-code-label').fill(nextCode(enrolled.key, enrolled.used));
    await app.button('mfa-verify').click();
    await expect(app.heading()).toHaveText(app.t('customers-title'));
  });
});

test('a Global admin requires MFA and a colleague sets it up at sign-in', async ({ app, anotherBrowser }) => {
  test.setTimeout(120_000);

  await test.step('User management: Require multi-factor authentication for all users', async () => {
    await app.goto('/sign-in');
    await app.signIn('global.admin@contoso.example');
    await app.navLink('nav-user-management').click();
    const required = app.page.getByRole('checkbox', { name: app.t('mfa-policy-label'), exact: true });
    await expect(required).not.toBeChecked();
    await expect(required).toHaveAccessibleDescription(app.t('mfa-policy-hint'));
    await required.check();
    await app.button('mfa-policy-save').click();
    await expect(app.page.getByRole('status')).toHaveText(app.t('mfa-policy-saved'));
    await expect(required).toBeChecked();
    await app.check('users-mfa-required');
  });

  const sam = await anotherBrowser();
  await test.step('the Sales agent signs in and is sent through the set-up', async () => {
    await sam.goto('/sign-in');
    await sam.signIn(USERS.sales);
    const { key, used } = await setUp(sam, { atSignIn: true });
    await sam.page.getByRole('link', { name: sam.t('mfa-codes-continue'), exact: true }).click();
    await expect(sam.heading()).toHaveText(sam.t('customers-title'));

    await sam.page.getByRole('link', { name: sam.t('nav-change-password'), exact: true }).click();
    await sam.page.getByRole('main').getByRole('link', { name: sam.t('mfa-account-link'), exact: true }).click();
    await expect(sam.page.getByRole('main')).toContainText(sam.t('mfa-required-by-organization'));
    await expect(sam.button('mfa-turn-off'), 'no way to turn it off').toHaveCount(0);
    await sam.check('mfa-account-required', { screenshot: false });

    await sam.signOut();
    await sam.signIn(USERS.sales);
    await field(sam, 'mfa-code-label').fill(nextCode(key, used));
    await sam.button('mfa-verify').click();
    await expect(sam.heading()).toHaveText(sam.t('customers-title'));
  });

  await test.step('the Global admin sees it on the colleague’s page and may reset it', async () => {
    await app.page.getByRole('link', { name: 'Sam Sales', exact: true }).click();
    await expect(app.heading()).toHaveText('Sam Sales');
    await expect(app.button('mfa-reset')).toHaveAccessibleDescription(app.t('mfa-reset-hint'));
    await app.check('user-mfa');
    await app.button('mfa-reset').click();
    await expect(app.page.getByRole('status')).toHaveText(app.t('mfa-reset-done'));
  });
});
