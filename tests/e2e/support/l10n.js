// The app's own words, read from locales/{en,zh-TW,ja-JP}/*.ftl with a real Fluent
// implementation, so the tests find controls by the very labels a person reads on the page.

const fs = require('node:fs');
const path = require('node:path');
const { FluentBundle, FluentResource } = require('@fluent/bundle');
const { paths } = require('./paths');

const LOCALES = ['en', 'zh-TW', 'ja-JP'];

/** The names the language switcher shows, each in its own language. */
const NATIVE_NAMES = { en: 'English', 'zh-TW': '繁體中文', 'ja-JP': '日本語' };

const bundles = new Map();

function bundle(locale) {
  if (!LOCALES.includes(locale)) {
    throw new Error(`Unknown locale ${locale}; the app has ${LOCALES.join(', ')}`);
  }
  if (!bundles.has(locale)) {
    const dir = path.join(paths.localesDir, locale);
    // The app turns Fluent's bidi isolation marks off; so must we, or no text would match.
    const b = new FluentBundle(locale, { useIsolating: false });
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ftl')).sort()) {
      const errors = b.addResource(new FluentResource(fs.readFileSync(path.join(dir, file), 'utf8')));
      if (errors.length) {
        throw new Error(`${locale}/${file}: ${errors.map(String).join('; ')}`);
      }
    }
    bundles.set(locale, b);
  }
  return bundles.get(locale);
}

/**
 * The message `id` in `locale`, as the page shows it. A missing message is an error, never an
 * empty string: a test must not look for a label that does not exist.
 */
function t(locale, id, args) {
  const b = bundle(locale);
  const message = b.getMessage(id);
  if (!message || !message.value) {
    throw new Error(`No message "${id}" in locales/${locale}`);
  }
  const errors = [];
  const text = b.formatPattern(message.value, args, errors);
  if (errors.length) {
    throw new Error(`Message "${id}" in ${locale}: ${errors.map(String).join('; ')}`);
  }
  return text;
}

module.exports = { LOCALES, NATIVE_NAMES, t };
