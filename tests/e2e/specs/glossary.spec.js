// The journeys find controls by the texts in locales/; these must be the glossary's words, letter
// for letter (shared/glossary.md), or a person following the seed would not find them.

const { test, expect } = require('../support/test');
const { GLOSSARY } = require('../support/glossary');

test('the labels the journeys look for are the glossary’s words', async ({ locale, t }) => {
  for (const [id, words] of Object.entries(GLOSSARY)) {
    expect(t(id), `${id} in ${locale}`).toBe(words[locale]);
  }
});
