// A reseller's Supported subscriptions, a page at a time: Contoso's Admin agent imports 55
// subscriptions of Adatum with Fabrikam as their designated support contact; Fabrikam's Admin
// agent reads them 50 to a page (customer, product) and goes to the next page and back by the
// pager's links, which work without JavaScript and on a phone; a page link that was cut gets a
// message in the page's language and the first page.

const { test, expect } = require('../support/test');
const { csvFile } = require('../support/import-file');

const ADMIN_AGENT = 'admin.agent@contoso.example';
const FABRIKAM_ADMIN = 'admin.agent@fabrikam.example';
const ADATUM = ['Adatum Corporation', 'adatum.example', 'US'];
/** Product names that sort the same in every collation. */
const PRODUCTS = Array.from({ length: 55 }, (_, i) => `Paging Plan ${String(i + 1).padStart(3, '0')}`);

test('a reseller reads the subscriptions it supports a page at a time', async ({ page, app }) => {
  test.setTimeout(120_000);
  const table = () => page.getByRole('table', { name: app.t('supported-title'), exact: true });
  /** The product column of the listed rows. */
  const listedProducts = () => table().locator('tbody tr td:nth-child(2)');
  const pager = () => page.getByRole('navigation', { name: app.t('pager-label'), exact: true });
  const pagerLink = (id) => pager().getByRole('link', { name: app.t(id), exact: true });

  await test.step('Contoso imports 55 Adatum subscriptions supported by Fabrikam', async () => {
    await app.goto('/sign-in');
    await app.signIn(ADMIN_AGENT);
    await app.navLink('nav-customers').click();
    await page.getByRole('main').getByRole('link', { name: app.t('import-title'), exact: true }).click();
    const rows = PRODUCTS.map((product, i) => [...ADATUM, `PAGING-${i + 1}`, product, '1', 'legacy', 'active', '2000001']);
    await page.getByLabel(app.t('import-file'), { exact: true }).setInputFiles(csvFile('paging.csv', rows));
    await app.button('import-preview').click();
    await expect(app.heading()).toHaveText(app.t('import-preview-title'));
    await app.button('import-apply').click();
    await expect(app.heading()).toHaveText(app.t('import-applied-title'));
    await app.signOut();
  });

  await test.step('Fabrikam: Supported subscriptions shows the first 50, and a next page', async () => {
    await app.signIn(FABRIKAM_ADMIN);
    await app.navLink('nav-supported-subscriptions').click();
    await expect(app.heading()).toHaveText(app.t('supported-title'));
    await expect(listedProducts()).toHaveText(PRODUCTS.slice(0, 50));
    await expect(table().locator('tbody tr td:first-child')).toHaveText(Array(50).fill(ADATUM[0]));
    await expect(pagerLink('pager-previous')).toHaveCount(0);
    await expect(pagerLink('pager-next')).toHaveAttribute('rel', 'next');
    await app.check('supported-subscriptions');
  });

  await test.step('Next page: the last 5; Previous page: the first 50 again', async () => {
    await pagerLink('pager-next').click();
    await expect(listedProducts()).toHaveText(PRODUCTS.slice(50));
    await expect(pagerLink('pager-next')).toHaveCount(0);
    await app.check('supported-subscriptions-next');
    await pagerLink('pager-previous').click();
    await expect(listedProducts()).toHaveText(PRODUCTS.slice(0, 50));
    await expect(pagerLink('pager-previous')).toHaveCount(0);
  });

  await test.step('a page link that was cut: a message, and the first page', async () => {
    const answer = await app.goto('/supported-subscriptions?after=7%3AAdatum%7CPaging');
    expect(answer.status()).toBe(400);
    await expect(page.getByRole('alert')).toHaveText(app.t('supported-bad-cursor'));
    await expect(listedProducts()).toHaveText(PRODUCTS.slice(0, 50));
    await app.check('supported-subscriptions-bad-link', { screenshot: false });
  });
});
