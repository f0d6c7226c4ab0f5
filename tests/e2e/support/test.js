// The suite's `test`: Playwright's, plus a fresh server per test and an `app` helper that acts
// as a person does (by role and visible label, in the page's language) and checks every page it
// lands on: structure, keyboard reach, axe (WCAG 2.1 A and AA), layout, and a screenshot.

const fs = require('node:fs');
const path = require('node:path');
const base = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');
const { paths } = require('./paths');
const { startServer } = require('./server');
const l10n = require('./l10n');

const { expect } = base;

/** axe-core tags for WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** WCAG 1.4.11: a focus indicator needs 3:1 against what is next to it. */
const MIN_FOCUS_CONTRAST = 3;

/** The demo world's people, by what they do. */
const USERS = {
  helpdesk: 'helpdesk@contoso.example',
  sales: 'sales@contoso.example',
  adminAgent: 'admin.agent@contoso.example',
  customerAdmin: 'admin@adatum.example',
};

function parseColor(css) {
  const m = css.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return { r, g, b, a };
}

function luminance({ r, g, b }) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** How many pages each test has checked so far, to name the check records. */
const checksPerTest = new WeakMap();

function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

class App {
  constructor({ page, server, locale, viewportName, testInfo }) {
    this.page = page;
    this.server = server;
    /** The language the pages are in now; the language switcher changes it. */
    this.locale = locale;
    this.viewportName = viewportName;
    this.testInfo = testInfo;
    // With JavaScript off, axe (a script) cannot run; the journeys and page structure still can.
    this.javaScript = testInfo.project.use.javaScriptEnabled !== false;
  }

  /** The message `id` in the page's current language. */
  t(id, args) {
    return l10n.t(this.locale, id, args);
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The value shown beside a term of a details list (a `dt`/`dd` pair), in `scope` or main. */
  detail(term, scope = this.page.getByRole('main')) {
    return scope
      .locator('div')
      .filter({ has: this.page.getByRole('term').getByText(term, { exact: true }) })
      .getByRole('definition');
  }

  /**
   * The cell of the table row that links to `linkName`, in the column whose header is the
   * message `columnId`: found the way a person reads a table, by its column header.
   */
  async cellIn(linkName, columnId) {
    const table = this.page.getByRole('table').filter({
      has: this.page.getByRole('link', { name: linkName, exact: true }),
    });
    const headers = await table.getByRole('columnheader').allInnerTexts();
    const column = headers.map((h) => h.trim()).indexOf(this.t(columnId));
    if (column < 0) throw new Error(`no column "${this.t(columnId)}" in ${JSON.stringify(headers)}`);
    const row = table.getByRole('row').filter({ has: this.page.getByRole('link', { name: linkName, exact: true }) });
    return row.getByRole('cell').nth(column);
  }

  button(nameId) {
    return this.page.getByRole('button', { name: this.t(nameId), exact: true });
  }

  /** A link of the main navigation, by its message id. */
  navLink(nameId) {
    return this.page
      .getByRole('navigation', { name: this.t('nav-main'), exact: true })
      .getByRole('link', { name: this.t(nameId), exact: true });
  }

  /** The navigation of a customer's Admin area, shown on every Admin page. */
  adminNav() {
    return this.page.getByRole('navigation', { name: this.t('admin-sections-label'), exact: true });
  }

  /** A link of the Admin area's sections navigation, by its message id. */
  adminSection(nameId) {
    return this.adminNav().getByRole('link', { name: this.t(nameId), exact: true });
  }

  /** The row of a table whose row header (first column) is `name`. */
  rowOf(name) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /**
   * The cell of the row headed `name` (a `th scope=row`) in the column whose header is the
   * message `columnId`.
   */
  async cellOfRow(name, columnId) {
    const table = this.page.getByRole('table').filter({
      has: this.page.getByRole('rowheader', { name, exact: true }),
    });
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    const column = headers.indexOf(this.t(columnId));
    if (column < 0) throw new Error(`no column "${this.t(columnId)}" in ${JSON.stringify(headers)}`);
    // The first column holds the row header; the cells come after it.
    if (column === 0) return this.rowOf(name).getByRole('rowheader');
    return this.rowOf(name).getByRole('cell').nth(column - 1);
  }

  /** Opens `pathname`; resolves to the response of the page's main document. */
  async goto(pathname) {
    return this.page.goto(pathname);
  }

  /**
   * Resolves to the response of the page the next form post (to a path matching `pathPattern`)
   * answers with. Start it before the click that sends the form.
   */
  postedResponse(pathPattern) {
    return this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && pathPattern.test(new URL(r.url()).pathname)
    );
  }

  /** Signs in through the sign-in form, as typed by a person. */
  async signIn(email, { password = this.server.password } = {}) {
    const { page } = this;
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) {
      await this.goto('/sign-in');
    }
    await page.getByLabel(this.t('sign-in-email'), { exact: true }).fill(email);
    await page.getByLabel(this.t('sign-in-password'), { exact: true }).fill(password);
    await this.button('sign-in-submit').click();
  }

  async signOut() {
    await this.button('sign-out').click();
    await expect(this.heading()).toHaveText(this.t('sign-in-title'));
  }

  /** Follows a link of the language switcher and checks the page came back in that language. */
  async switchLanguage(target) {
    const { page } = this;
    const before = new URL(page.url());
    await page
      .getByRole('navigation', { name: this.t('nav-language'), exact: true })
      .getByRole('link', { name: l10n.NATIVE_NAMES[target], exact: true })
      .click();
    await expect(page.locator('html')).toHaveAttribute('lang', target);
    this.locale = target;
    const after = new URL(page.url());
    expect(after.pathname + after.search, 'the language switcher keeps the user on the same page').toBe(
      before.pathname + before.search
    );
  }

  /**
   * Presses Tab until `target` has the focus, checking that every element Tab lands on shows a
   * visible focus ring. Fails if Tab never gets there.
   */
  async tabTo(target, { max = 40 } = {}) {
    await expect(target, 'the element Tab should reach is on the page').toBeVisible();
    for (let i = 0; i < max; i += 1) {
      await this.page.keyboard.press('Tab');
      await this.expectFocusRing();
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`Tab did not reach ${target} within ${max} presses`);
  }

  /** The focused element shows an outline of at least 2px that contrasts 3:1 with its surroundings. */
  async expectFocusRing() {
    const seen = await this.page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      let behind = 'rgb(255, 255, 255)';
      for (let n = el.parentElement; n; n = n.parentElement) {
        const c = getComputedStyle(n).backgroundColor;
        if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) {
          behind = c;
          break;
        }
      }
      const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim();
      return {
        element: `<${el.tagName.toLowerCase()}> ${name.slice(0, 40)}`,
        isBody: el === document.body,
        focusVisible: el.matches(':focus-visible'),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        outlineColor: style.outlineColor,
        behind,
      };
    });
    if (seen.isBody) return; // Tab went past the last control, back to the browser's own UI.
    const ring = parseColor(seen.outlineColor);
    const behind = parseColor(seen.behind);
    const ratio = ring && behind ? contrast(ring, behind) : 0;
    expect(
      {
        element: seen.element,
        focusVisible: seen.focusVisible,
        outlineVisible: seen.outlineStyle !== 'none' && seen.outlineWidth >= 2,
        ringContrastAtLeast3: ratio >= MIN_FOCUS_CONTRAST,
      },
      `focus ring on ${seen.element}: ${seen.outlineStyle} ${seen.outlineWidth}px ${seen.outlineColor} on ${seen.behind} (contrast ${ratio.toFixed(2)})`
    ).toEqual({ element: seen.element, focusVisible: true, outlineVisible: true, ringContrastAtLeast3: true });
  }

  /**
   * Checks the page a person has just reached: one h1, the landmarks, a working skip link, a
   * label on every form control, no untranslated message id, no sideways scrolling, zero axe
   * violations (WCAG 2.1 A and AA); then saves a screenshot as
   * target/e2e/screenshots/<name>-<locale>-<viewport>.png.
   * `screenshot: false` checks without a screenshot (for a page another journey already shows).
   */
  async check(name, { screenshot = true } = {}) {
    const { page } = this;
    await base.test.step(`check page "${name}"`, async () => {
      await expect(page.locator('html')).toHaveAttribute('lang', this.locale);
      await expect(page).toHaveTitle(new RegExp(`\\| ${escapeRegExp(this.t('app-name'))}$`));

      const h1 = this.heading();
      await expect(h1, 'every page has exactly one h1').toHaveCount(1);
      await expect(h1).not.toBeEmpty();

      for (const role of ['banner', 'main', 'contentinfo']) {
        await expect(page.getByRole(role), `one ${role} landmark`).toHaveCount(1);
      }
      await expect(page.getByRole('navigation', { name: this.t('nav-language'), exact: true })).toHaveCount(1);

      const skip = page.getByRole('link', { name: this.t('skip-to-content'), exact: true });
      await expect(skip, 'a skip link').toHaveCount(1);
      const skipFacts = await skip.evaluate((a) => {
        const tabbable = document.querySelector(
          'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])'
        );
        const target = document.getElementById((a.getAttribute('href') || '').replace(/^#/, ''));
        return {
          isFirstTabStop: tabbable === a,
          targetIsMain: !!target && target.tagName === 'MAIN',
        };
      });
      expect(skipFacts, 'the skip link is the first tab stop and leads to main').toEqual({
        isFirstTabStop: true,
        targetIsMain: true,
      });

      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
          .filter((el) => ![...el.labels].some((l) => l.innerText.trim() !== ''))
          .map((el) => el.outerHTML.slice(0, 120))
      );
      expect(unlabelled, 'every form control has a visible label').toEqual([]);

      // The app shows a message's id when a locale lacks the message: never acceptable.
      const rawIds = await page.evaluate(() => {
        const idLike = /^[a-z]+(-[a-z]+)+$/;
        const texts = [document.title.split(' | ')[0]];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.textContent);
        for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
          for (const a of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(el.getAttribute(a) || '');
        }
        return texts.map((s) => s.trim()).filter((s) => idLike.test(s));
      });
      expect(rawIds, 'no message id is shown untranslated').toEqual([]);

      const overflow = await page.evaluate(() => {
        const root = document.documentElement;
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
      });
      expect(
        overflow.scrollWidth,
        `the page does not scroll sideways on the ${this.viewportName} viewport`
      ).toBeLessThanOrEqual(overflow.clientWidth);

      // Every table's content is in view on a phone: no table scrolls sideways inside its
      // frame either, so no column is hidden off to the right.
      if (this.viewportName === 'phone') {
        const hidden = await page.evaluate(() =>
          [...document.querySelectorAll('main table')]
            .map((table) => {
              const frame = table.closest('.table-wrap') || table;
              const right = document.documentElement.clientWidth;
              const cut = [...table.querySelectorAll('tbody th, tbody td')].filter((cell) => {
                const box = cell.getBoundingClientRect();
                return box.width > 0 && (box.right > right + 1 || box.left < -1);
              });
              return frame.scrollWidth > frame.clientWidth + 1 || cut.length > 0
                ? (table.querySelector('caption') || table).textContent.trim().slice(0, 60)
                : null;
            })
            .filter(Boolean)
        );
        expect(hidden, 'every table shows all its content on the phone').toEqual([]);
      }

      if (!this.javaScript) return;
      // axe runs in the page itself (legacy mode). The default also opens a blank page for each
      // check to put together what each frame found; the app's pages have no frames, and that
      // page took half of each check's time (0.7 s a check -> 0.3 s).
      const axe = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
      const violations = axe.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
      }));
      this.record(name, { violations, passes: axe.passes.length, url: new URL(page.url()).pathname });
      expect(violations, `axe (WCAG 2.1 A+AA) on "${name}" in ${this.locale}`).toEqual([]);

      if (screenshot) await this.screenshot(name);
    });
  }

  /** Saves target/e2e/screenshots/<name>-<locale>-<viewport>.png. */
  async screenshot(name, { fullPage = true } = {}) {
    // The no-JavaScript runs look the same as the laptop ones; their pictures would be copies.
    if (!this.javaScript) return;
    await this.page.screenshot({
      path: path.join(paths.screenshots, `${name}-${this.locale}-${this.viewportName}.png`),
      fullPage,
    });
  }

  record(name, facts) {
    // Counted per test, not per App: a test may drive several browsers (see anotherBrowser).
    const done = (checksPerTest.get(this.testInfo) || 0) + 1;
    checksPerTest.set(this.testInfo, done);
    fs.mkdirSync(paths.checks, { recursive: true });
    const file = `${name}-${this.locale}-${this.viewportName}-${slug(this.testInfo.title)}-${done}.json`;
    fs.writeFileSync(
      path.join(paths.checks, file),
      JSON.stringify({ page: name, locale: this.locale, viewport: this.viewportName, test: this.testInfo.title, ...facts })
    );
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const test = base.test.extend({
  /** "laptop", "phone" or "no-js": names the screenshots. */
  viewportName: ['laptop', { option: true }],

  server: async ({}, use, testInfo) => {
    const server = await startServer();
    try {
      await use(server);
    } finally {
      await server.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
      }
    }
  },

  baseURL: async ({ server }, use) => {
    await use(server.url);
  },

  /** The message `id` in this project's language. */
  t: async ({ locale }, use) => {
    await use((id, args) => l10n.t(locale, id, args));
  },

  app: async ({ page, server, locale, viewportName }, use, testInfo) => {
    await use(new App({ page, server, locale, viewportName, testInfo }));
  },

  /**
   * Opens another browser, as a second person at another computer would: same language and
   * device, its own cookies, nobody signed in. Resolves to an `App` for it.
   */
  anotherBrowser: async (
    { browser, server, locale, viewportName, viewport, isMobile, hasTouch, deviceScaleFactor, javaScriptEnabled },
    use,
    testInfo
  ) => {
    const contexts = [];
    await use(async () => {
      const context = await browser.newContext({
        baseURL: server.url,
        locale,
        viewport,
        isMobile,
        hasTouch,
        deviceScaleFactor,
        javaScriptEnabled,
      });
      contexts.push(context);
      return new App({ page: await context.newPage(), server, locale, viewportName, testInfo });
    });
    for (const context of contexts) await context.close();
  },
});

module.exports = { test, expect, USERS, WCAG_TAGS };
