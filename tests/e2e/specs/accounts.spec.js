// Accounts, as the people of a real partner and a real customer meet them (issue "Run it for a
// real partner"): Contoso's Global admin adds a colleague under User management and sends the
// set-password link; the colleague opens it in their own browser, has weak passwords refused,
// sets one and signs in; a link works once. The Global admin changes a colleague's role, disables
// them (signed out at once), enables them, makes a new link and removes them, but cannot step down
// as the last Global admin. Anyone signed in changes their own password. A customer's Global admin
// moves between the Admin area's sections and adds a user with a customer role. An error page keeps
// the signed-in header.

const { test, expect, USERS } = require('../support/test');

const GLOBAL_ADMIN = { email: 'global.admin@contoso.example', name: 'Gil Global' };
const HELPDESK_NAME = 'Hana Helpdesk';
const SALES = { email: USERS.sales, name: 'Sam Sales' };
const PARTNER = 'Contoso Distribution';
const CUSTOMER_ADMIN_NAME = 'Ada Adatum';
const CUSTOMER_USER_NAME = 'Uma User';

/** A password none of the rules refuse. */
const GOOD_PASSWORD = 'violet kettle under 9 stairs';

/** The password rules the new-password field describes itself with (8 at least, 15 better). */
const RULES = { min: 8, recommended: 15 };

const PARTNER_ROLES = ['role-admin-agent', 'role-global-admin', 'role-helpdesk-agent', 'role-sales-agent', 'role-billing-admin'];
const CUSTOMER_ROLES = [
  'role-customer-global-admin',
  'role-customer-billing-admin',
  'role-customer-helpdesk-admin',
  'role-customer-user',
];

/** The Admin area's sections, in the order the navigation lists them, with each page's h1. */
const ADMIN_SECTIONS = [
  { link: 'support-title', heading: 'support-title', path: '/admin/support' },
  { link: 'nav-partner-relationships', heading: 'relationships-title', path: '/admin/relationships' },
  { link: 'nav-user-management', heading: 'nav-user-management', path: '/admin/users' },
  { link: 'nav-audit-log', heading: 'audit-title', path: '/admin/audit' },
];

/** A field of the page by its visible label. */
const field = (app, labelId) => app.page.getByLabel(app.t(labelId), { exact: true });

/** The role list of the add-user form and of a user's page. */
const roleSelect = (app) => app.page.getByRole('combobox', { name: app.t('users-col-role'), exact: true });

/** The link of the main content named by the message `id`. */
const mainLink = (app, id) => app.page.getByRole('main').getByRole('link', { name: app.t(id), exact: true });

/** Opens a user's page from the User management list, by the name a person reads there. */
async function openUser(app, name) {
  await app.page.getByRole('link', { name, exact: true }).click();
  await expect(app.heading()).toHaveText(name);
}

/** Fills the add-user form and sends it. */
async function addUser(app, { email, name, roleId }) {
  await field(app, 'users-col-email').fill(email);
  await field(app, 'users-col-name').fill(name);
  await roleSelect(app).selectOption({ label: app.t(roleId) });
  await app.button('users-add-submit').click();
}

/** The set-password link and the message to send with it, from the page that shows them. */
async function linkAndMessage(app) {
  const linkField = app.page.getByRole('textbox', { name: app.t('users-link-label'), exact: true });
  await expect(linkField).not.toBeEditable();
  const link = await linkField.inputValue();
  const url = new URL(link);
  expect(url.origin, 'the link opens this site').toBe(app.server.url);
  expect(url.pathname, 'the link opens a set-password page').toMatch(/^\/set-password\/[^/]+$/);
  const message = app.page.getByRole('textbox', { name: app.t('invitation-message-label'), exact: true });
  await expect(message).not.toBeEditable();
  return { link, message: await message.inputValue() };
}

/** Types a new password twice on the set-password or change-password page and sends it. */
async function typeNewPassword(app, password, submitId, confirm = password) {
  await field(app, 'password-new').fill(password);
  await field(app, 'password-confirm').fill(confirm);
  await app.button(submitId).click();
}

test('a Global admin adds a colleague, who sets a password from the link and signs in', async ({
  page,
  app,
  anotherBrowser,
}) => {
  test.setTimeout(120_000);
  const colleague = { email: 'kai.kimura@contoso.example', name: 'Kai Kimura' };
  let link;

  await test.step('Contoso’s Global admin: User management', async () => {
    await app.goto('/sign-in');
    await app.signIn(GLOBAL_ADMIN.email);
    await app.navLink('nav-user-management').click();
    await expect(app.heading()).toHaveText(app.t('nav-user-management'));
    await expect(app.navLink('nav-user-management')).toHaveAttribute('aria-current', 'page');
    await expect(await app.cellOfRow(GLOBAL_ADMIN.name, 'users-col-email')).toHaveText(GLOBAL_ADMIN.email);
    await expect(await app.cellOfRow(GLOBAL_ADMIN.name, 'users-col-role')).toHaveText(app.t('role-global-admin'));
    await expect(await app.cellOfRow(GLOBAL_ADMIN.name, 'users-col-state')).toHaveText(app.t('user-state-active'));
    await expect(await app.cellOfRow(HELPDESK_NAME, 'users-col-role')).toHaveText(app.t('role-helpdesk-agent'));
    await app.check('users');
  });

  await test.step('Add user: email, name, role -> Add user', async () => {
    await mainLink(app, 'users-add').click();
    await expect(app.heading()).toHaveText(app.t('users-add'));
    await expect(roleSelect(app).getByRole('option')).toHaveText(PARTNER_ROLES.map((id) => app.t(id)));
    await app.check('user-add');
    await addUser(app, { ...colleague, roleId: 'role-helpdesk-agent' });
  });

  await test.step('the set-password link and the message to send with it', async () => {
    await expect(app.heading()).toHaveText(app.t('users-added-title'));
    await expect(page.getByRole('status')).toHaveText(app.t('users-added-intro', { name: colleague.name }));
    const shown = await linkAndMessage(app);
    link = shown.link;
    for (const part of [link, colleague.name, colleague.email, GLOBAL_ADMIN.name, PARTNER]) {
      expect(shown.message, `the message to send names ${part}`).toContain(part);
    }
    await app.check('user-added');

    await mainLink(app, 'users-back').click();
    await expect(app.heading()).toHaveText(app.t('nav-user-management'));
    await expect(await app.cellOfRow(colleague.name, 'users-col-role')).toHaveText(app.t('role-helpdesk-agent'));
    await expect(await app.cellOfRow(colleague.name, 'users-col-state')).toHaveText(app.t('user-state-invited'));
  });

  // The colleague, at their own computer, signed in nowhere.
  const kai = await anotherBrowser();
  const newPassword = field(kai, 'password-new');
  const rules = kai.t('password-rules', RULES);

  await test.step('the colleague opens the link: Set your password', async () => {
    await kai.goto(link);
    await expect(kai.heading()).toHaveText(kai.t('set-password-title'));
    const email = kai.page.getByRole('textbox', { name: kai.t('sign-in-email'), exact: true });
    await expect(email).toHaveValue(colleague.email);
    await expect(email).not.toBeEditable();
    await expect(newPassword).toHaveAccessibleDescription(rules);
    await expect(field(kai, 'password-confirm')).toBeEmpty();
    await kai.check('set-password');
  });

  await test.step('a too short password and a common one are refused, each with its reason', async () => {
    await typeNewPassword(kai, 'short1', 'set-password-submit');
    await expect(kai.heading()).toHaveText(kai.t('set-password-title'));
    const tooShort = kai.t('password-error-too-short');
    await expect(kai.page.getByRole('alert')).toHaveText(tooShort);
    await expect(newPassword).toHaveAttribute('aria-invalid', 'true');
    await expect(newPassword).toHaveAccessibleDescription(`${rules} ${tooShort}`);
    await kai.check('set-password-refused');

    await typeNewPassword(kai, 'password1', 'set-password-submit');
    await expect(kai.heading()).toHaveText(kai.t('set-password-title'));
    await expect(kai.page.getByRole('alert')).toHaveText(kai.t('password-error-common'));
  });

  await test.step('a good password: the sign-in page says it is set, and the colleague signs in', async () => {
    await typeNewPassword(kai, GOOD_PASSWORD, 'set-password-submit');
    await expect(kai.heading()).toHaveText(kai.t('sign-in-title'));
    await expect(kai.page.getByRole('status')).toHaveText(kai.t('set-password-done'));
    await kai.check('sign-in-password-set');
    await kai.signIn(colleague.email, { password: GOOD_PASSWORD });
    await expect(kai.heading()).toHaveText(kai.t('customers-title'));
    const banner = kai.page.getByRole('banner');
    await expect(banner).toContainText(kai.t('signed-in-as', { name: colleague.name }));
    await expect(banner).toContainText(kai.t('role-helpdesk-agent'));
  });

  await test.step('the link works once', async () => {
    const response = await kai.goto(link);
    expect(response.status(), 'a used link is gone').toBe(410);
    await expect(kai.heading()).toHaveText(kai.t('set-password-problem-title'));
    await expect(kai.page.getByRole('main')).toContainText(kai.t('set-password-link-used'));
    await kai.check('set-password-link-used');
  });

  await test.step('User management shows the colleague as active now', async () => {
    await page.reload();
    await expect(await app.cellOfRow(colleague.name, 'users-col-state')).toHaveText(app.t('user-state-active'));
  });
});

test('a Global admin changes a colleague’s role, disables, enables, sends a new link and removes them', async ({
  page,
  app,
  anotherBrowser,
}) => {
  test.setTimeout(120_000);
  let link;

  // Sam Sales is signed in at their own computer all along.
  const sam = await anotherBrowser();
  await sam.goto('/sign-in');
  await sam.signIn(SALES.email);
  await expect(sam.heading()).toHaveText(sam.t('customers-title'));

  await test.step('User management -> Sam Sales', async () => {
    await app.goto('/sign-in');
    await app.signIn(GLOBAL_ADMIN.email);
    await app.navLink('nav-user-management').click();
    await openUser(app, SALES.name);
    await expect(app.detail(app.t('users-col-email'))).toHaveText(SALES.email);
    await expect(app.detail(app.t('users-col-role'))).toHaveText(app.t('role-sales-agent'));
    await expect(app.detail(app.t('users-col-state'))).toHaveText(app.t('user-state-active'));
    await expect(roleSelect(app).getByRole('option', { selected: true })).toHaveText(app.t('role-sales-agent'));
    await app.check('user');
  });

  await test.step('Role: Billing admin -> Save role', async () => {
    await roleSelect(app).selectOption({ label: app.t('role-billing-admin') });
    await app.button('users-save-role').click();
    await expect(app.heading()).toHaveText(app.t('nav-user-management'));
    await expect(page.getByRole('status')).toHaveText(app.t('users-done-role'));
    await expect(await app.cellOfRow(SALES.name, 'users-col-role')).toHaveText(app.t('role-billing-admin'));
    await app.check('users-changed', { screenshot: false });
  });

  await test.step('Disable user -> the confirmation step -> Disable user: Sam is signed out at once', async () => {
    await openUser(app, SALES.name);
    await mainLink(app, 'users-disable').click();
    await expect(app.heading()).toHaveText(app.t('users-disable-title'));
    const main = page.getByRole('main');
    await expect(main).toContainText(app.t('users-disable-question', SALES));
    await expect(main).toContainText(app.t('users-disable-consequence'));
    await app.check('user-disable-confirm');
    await app.button('users-disable').click();
    await expect(page.getByRole('status')).toHaveText(app.t('users-done-disabled'));
    await expect(await app.cellOfRow(SALES.name, 'users-col-state')).toHaveText(app.t('user-state-disabled'));

    await sam.page.reload();
    await expect(sam.heading()).toHaveText(sam.t('sign-in-title'));
    await sam.signIn(SALES.email);
    await expect(sam.page.getByRole('alert')).toHaveText(sam.t('sign-in-failed'));
  });

  await test.step('Enable user: Sam signs in again, as a Billing admin now', async () => {
    await openUser(app, SALES.name);
    await expect(mainLink(app, 'users-disable')).toHaveCount(0);
    await expect(app.button('users-new-link')).toHaveCount(0);
    await app.button('users-enable').click();
    await expect(page.getByRole('status')).toHaveText(app.t('users-done-enabled'));
    await expect(await app.cellOfRow(SALES.name, 'users-col-state')).toHaveText(app.t('user-state-active'));

    await sam.signIn(SALES.email);
    await expect(sam.page.getByRole('banner')).toContainText(sam.t('role-billing-admin'));
  });

  await test.step('New set-password link: a link and a message to send', async () => {
    await openUser(app, SALES.name);
    await app.button('users-new-link').click();
    await expect(app.heading()).toHaveText(app.t('users-link-title'));
    await expect(page.getByRole('status')).toHaveText(app.t('users-link-intro', { name: SALES.name }));
    const shown = await linkAndMessage(app);
    link = shown.link;
    expect(shown.message, 'the message to send carries the link').toContain(link);
    await app.check('user-new-link');
  });

  await test.step('Remove user -> the confirmation step -> Remove user: Sam is gone', async () => {
    await mainLink(app, 'users-back').click();
    await openUser(app, SALES.name);
    await mainLink(app, 'users-remove').click();
    await expect(app.heading()).toHaveText(app.t('users-remove-title'));
    const main = page.getByRole('main');
    await expect(main).toContainText(app.t('users-remove-question', SALES));
    await expect(main).toContainText(app.t('users-remove-consequence'));
    await app.check('user-remove-confirm');
    await app.button('users-remove').click();
    await expect(app.heading()).toHaveText(app.t('nav-user-management'));
    await expect(page.getByRole('status')).toHaveText(app.t('users-done-removed'));
    await expect(page.getByRole('link', { name: SALES.name, exact: true })).toHaveCount(0);
  });

  await test.step('Sam is signed out, and the new link no longer works', async () => {
    await sam.page.reload();
    await expect(sam.heading()).toHaveText(sam.t('sign-in-title'));
    const response = await sam.goto(link);
    expect(response.status(), 'a removed user’s link is gone').toBe(410);
    await expect(sam.heading()).toHaveText(sam.t('set-password-problem-title'));
    await sam.check('set-password-link-closed', { screenshot: false });
    await expect(sam.page.getByRole('main')).toContainText(sam.t('set-password-link-closed'));
  });
});

test('the last Global admin cannot step down, be disabled or removed', async ({ page, app }) => {
  test.setTimeout(90_000);
  const refusal = app.t('users-error-last-global-admin');

  /** Sends a form of the user's page and expects the refusal there, with 409 Conflict. */
  async function refused(buttonId, pathPattern) {
    const answer = app.postedResponse(pathPattern);
    await app.button(buttonId).click();
    expect((await answer).status(), 'the refusal is a 409 Conflict').toBe(409);
    await expect(app.heading()).toHaveText(GLOBAL_ADMIN.name);
    await expect(page.getByRole('alert')).toHaveText(refusal);
    await expect(app.detail(app.t('users-col-role'))).toHaveText(app.t('role-global-admin'));
    await expect(app.detail(app.t('users-col-state'))).toHaveText(app.t('user-state-active'));
  }

  await test.step('User management -> their own page', async () => {
    await app.goto('/sign-in');
    await app.signIn(GLOBAL_ADMIN.email);
    await app.navLink('nav-user-management').click();
    await openUser(app, GLOBAL_ADMIN.name);
    await expect(page.getByRole('main')).toContainText(app.t('users-is-you'));
    await app.check('user-self');
  });

  await test.step('Role: Admin agent -> Save role is refused', async () => {
    await roleSelect(app).selectOption({ label: app.t('role-admin-agent') });
    await refused('users-save-role', /\/role$/);
    await expect(roleSelect(app).getByRole('option', { selected: true })).toHaveText(app.t('role-global-admin'));
    await app.check('user-last-global-admin');
  });

  await test.step('Disable user is refused', async () => {
    await mainLink(app, 'users-disable').click();
    await expect(app.heading()).toHaveText(app.t('users-disable-title'));
    await refused('users-disable', /\/disable$/);
  });

  await test.step('Remove user is refused', async () => {
    await mainLink(app, 'users-remove').click();
    await expect(app.heading()).toHaveText(app.t('users-remove-title'));
    await refused('users-remove', /\/remove$/);
  });
});

test('a signed-in user changes their password; their other sessions end', async ({ page, app, server, anotherBrowser }) => {
  test.setTimeout(90_000);
  const current = field(app, 'password-current');

  // The same person is signed in on another computer too.
  const elsewhere = await anotherBrowser();
  await elsewhere.goto('/sign-in');
  await elsewhere.signIn(USERS.helpdesk);
  await expect(elsewhere.heading()).toHaveText(elsewhere.t('customers-title'));

  await test.step('Change password, in the header’s account area', async () => {
    await app.goto('/sign-in');
    await app.signIn(USERS.helpdesk);
    const changePassword = page
      .getByRole('banner')
      .getByRole('link', { name: app.t('nav-change-password'), exact: true });
    await changePassword.click();
    await expect(app.heading()).toHaveText(app.t('account-password-title'));
    await expect(changePassword).toHaveAttribute('aria-current', 'page');
    await expect(field(app, 'password-new')).toHaveAccessibleDescription(app.t('password-rules', RULES));
    await app.check('account-password');
  });

  await test.step('a wrong current password changes nothing', async () => {
    await current.fill('not-the-password');
    await typeNewPassword(app, GOOD_PASSWORD, 'account-password-submit');
    await expect(app.heading()).toHaveText(app.t('account-password-title'));
    const wrong = app.t('password-error-current');
    await expect(page.getByRole('alert')).toHaveText(wrong);
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await expect(current).toHaveAccessibleDescription(wrong);
    await app.check('account-password-error');
  });

  await test.step('the right current password: the password is changed', async () => {
    await current.fill(server.password);
    await typeNewPassword(app, GOOD_PASSWORD, 'account-password-submit');
    await expect(app.heading()).toHaveText(app.t('account-password-title'));
    await expect(page.getByRole('status')).toHaveText(app.t('account-password-saved'));
    await app.check('account-password-saved');
  });

  await test.step('this session stays, the other one ended', async () => {
    await app.navLink('nav-customers').click();
    await expect(app.heading()).toHaveText(app.t('customers-title'));
    await elsewhere.page.reload();
    await expect(elsewhere.heading()).toHaveText(elsewhere.t('sign-in-title'));
  });

  await test.step('the old password no longer signs in, the new one does', async () => {
    await app.signOut();
    await app.signIn(USERS.helpdesk);
    await expect(page.getByRole('alert')).toHaveText(app.t('sign-in-failed'));
    await app.signIn(USERS.helpdesk, { password: GOOD_PASSWORD });
    await expect(app.heading()).toHaveText(app.t('customers-title'));
  });
});

test('a customer’s Global admin moves between the Admin sections and adds a user with a customer role', async ({
  page,
  app,
  anotherBrowser,
}) => {
  test.setTimeout(120_000);
  const colleague = { email: 'bo.berg@adatum.example', name: 'Bo Berg' };
  const mainNavLinks = () =>
    page.getByRole('navigation', { name: app.t('nav-main'), exact: true }).getByRole('link');
  let link;

  /** The sections navigation lists every section, Support first, with `current` marked. */
  async function sectionsShow(person, sections, current) {
    await expect(person.adminNav().getByRole('link')).toHaveText(sections.map((s) => person.t(s.link)));
    for (const s of sections) {
      const sectionLink = person.adminSection(s.link);
      await expect(sectionLink).toHaveAttribute('href', s.path);
      if (s === current) await expect(sectionLink).toHaveAttribute('aria-current', 'page');
      else await expect(sectionLink).not.toHaveAttribute('aria-current');
    }
  }

  await test.step('Adatum’s Global admin: the main navigation has only Admin', async () => {
    await app.goto('/sign-in');
    await app.signIn(USERS.customerAdmin);
    await expect(mainNavLinks()).toHaveText([app.t('nav-admin')]);
    await app.navLink('nav-admin').click();
    await expect(app.heading()).toHaveText(app.t('support-title'));
    await sectionsShow(app, ADMIN_SECTIONS, ADMIN_SECTIONS[0]);
  });

  await test.step('Admin -> each section in turn, then back to Support', async () => {
    for (const section of [...ADMIN_SECTIONS.slice(1), ADMIN_SECTIONS[0]]) {
      await app.adminSection(section.link).click();
      await expect(app.heading()).toHaveText(app.t(section.heading));
      await sectionsShow(app, ADMIN_SECTIONS, section);
      await expect(mainNavLinks()).toHaveText([app.t('nav-admin')]);
      await expect(app.navLink('nav-admin')).toHaveAttribute('aria-current', 'page');
      if (section.link === 'nav-audit-log') await app.check('admin-audit-log');
    }
  });

  await test.step('Admin -> User management: the customer’s users', async () => {
    await app.adminSection('nav-user-management').click();
    await expect(app.heading()).toHaveText(app.t('nav-user-management'));
    await expect(await app.cellOfRow(CUSTOMER_ADMIN_NAME, 'users-col-role')).toHaveText(
      app.t('role-customer-global-admin')
    );
    await expect(await app.cellOfRow(CUSTOMER_USER_NAME, 'users-col-role')).toHaveText(app.t('role-customer-user'));
    await app.check('admin-users');
  });

  await test.step('Add user: the customer roles -> Helpdesk admin -> Add user', async () => {
    await mainLink(app, 'users-add').click();
    await expect(app.heading()).toHaveText(app.t('users-add'));
    await sectionsShow(app, ADMIN_SECTIONS, ADMIN_SECTIONS[2]);
    await expect(roleSelect(app).getByRole('option')).toHaveText(CUSTOMER_ROLES.map((id) => app.t(id)));
    await app.check('admin-user-add');
    await addUser(app, { ...colleague, roleId: 'role-customer-helpdesk-admin' });
    await expect(app.heading()).toHaveText(app.t('users-added-title'));
    await expect(page.getByRole('status')).toHaveText(app.t('users-added-intro', { name: colleague.name }));
    const shown = await linkAndMessage(app);
    link = shown.link;
    expect(shown.message, 'the message names the customer').toContain('Adatum Corporation');
    await app.check('admin-user-added');
  });

  await test.step('the new user’s page: Role -> Billing admin -> Save role', async () => {
    await mainLink(app, 'users-back').click();
    await expect(await app.cellOfRow(colleague.name, 'users-col-state')).toHaveText(app.t('user-state-invited'));
    await openUser(app, colleague.name);
    await expect(app.detail(app.t('users-col-role'))).toHaveText(app.t('role-customer-helpdesk-admin'));
    await app.check('admin-user');
    await roleSelect(app).selectOption({ label: app.t('role-customer-billing-admin') });
    await app.button('users-save-role').click();
    await expect(page.getByRole('status')).toHaveText(app.t('users-done-role'));
    await expect(await app.cellOfRow(colleague.name, 'users-col-role')).toHaveText(
      app.t('role-customer-billing-admin')
    );
  });

  await test.step('the new Billing admin sets a password and sees Admin with Support only', async () => {
    const bo = await anotherBrowser();
    await bo.goto(link);
    await expect(bo.heading()).toHaveText(bo.t('set-password-title'));
    await typeNewPassword(bo, GOOD_PASSWORD, 'set-password-submit');
    await expect(bo.page.getByRole('status')).toHaveText(bo.t('set-password-done'));
    await bo.signIn(colleague.email, { password: GOOD_PASSWORD });
    await bo.navLink('nav-admin').click();
    await expect(bo.heading()).toHaveText(bo.t('support-title'));
    await sectionsShow(bo, ADMIN_SECTIONS.slice(0, 1), ADMIN_SECTIONS[0]);
    await bo.check('admin-support-billing-admin');
  });
});

test('an error page keeps the signed-in header', async ({ page, app }) => {
  await app.goto('/sign-in');
  await app.signIn(USERS.helpdesk);
  await expect(app.heading()).toHaveText(app.t('customers-title'));

  /** The header still says who is signed in, with the main navigation and Sign out. */
  async function headerKept() {
    await expect(page.getByRole('banner')).toContainText(app.t('signed-in-as', { name: HELPDESK_NAME }));
    await expect(app.navLink('nav-customers')).toBeVisible();
    await expect(app.button('sign-out')).toBeVisible();
  }

  await test.step('an address that does not exist: Page not found, with the header', async () => {
    const response = await app.goto('/no-such-page');
    expect(response.status()).toBe(404);
    await expect(app.heading()).toHaveText(app.t('error-title-not-found'));
    await expect(page.getByRole('main')).toContainText(app.t('error-not-found'));
    await headerKept();
    await app.check('not-found-signed-in');
  });

  await test.step('User management is for Global admins: Access denied, with the header', async () => {
    await expect(app.navLink('nav-user-management')).toHaveCount(0);
    const response = await app.goto('/users');
    expect(response.status()).toBe(403);
    await expect(app.heading()).toHaveText(app.t('error-title-forbidden'));
    await headerKept();
    await app.check('forbidden-signed-in');
  });

  await test.step('the header leads on: Customers', async () => {
    await app.navLink('nav-customers').click();
    await expect(app.heading()).toHaveText(app.t('customers-title'));
  });
});
