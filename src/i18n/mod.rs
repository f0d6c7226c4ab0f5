//! Languages: the three locales, choosing one for a request, and looking up Fluent messages.
//!
//! The `.ftl` files are compiled into the binary, so a fresh install needs no files beside it.
//! Bidi isolation marks are off: all three locales are left-to-right and the marks would only
//! show up as stray characters in the HTML.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDateTime};
use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};

/// The locales every page exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    ZhTw,
    JaJp,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::ZhTw, Locale::JaJp];

    /// The BCP 47 tag, as used in `<html lang>` and the language cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhTw => "zh-TW",
            Locale::JaJp => "ja-JP",
        }
    }

    /// The language's own name, shown in the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhTw => "繁體中文",
            Locale::JaJp => "日本語",
        }
    }

    /// An exact tag as stored in the cookie or given by the switcher.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// Maps one language range of `Accept-Language` to a locale, if any fits.
    fn from_range(range: &str) -> Option<Locale> {
        let range = range.trim().to_ascii_lowercase();
        let mut parts = range.split(['-', '_']);
        match parts.next()? {
            "en" => Some(Locale::En),
            "ja" => Some(Locale::JaJp),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                // Traditional Chinese: Taiwan, Hong Kong, Macau, or the script subtag Hant.
                if rest
                    .iter()
                    .any(|p| matches!(*p, "tw" | "hant" | "hk" | "mo"))
                {
                    Some(Locale::ZhTw)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Picks the best locale from an `Accept-Language` header by its q-values; en otherwise.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut ranges: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, item)| {
                let mut bits = item.split(';');
                let range = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
                    .unwrap_or(1.0);
                (q > 0.0 && !range.is_empty()).then_some((q, i, range))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges
            .into_iter()
            .find_map(|(_, _, r)| Locale::from_range(r))
            .unwrap_or(Locale::En)
    }

    /// A date in the locale's own format.
    pub fn format_date(self, at: NaiveDateTime) -> String {
        let d = at.date();
        match self {
            Locale::En => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                format!("{} {}, {}", MONTHS[d.month0() as usize], d.day(), d.year())
            }
            Locale::ZhTw | Locale::JaJp => {
                format!("{}年{}月{}日", d.year(), d.month(), d.day())
            }
        }
    }

    /// A UTC date and time in the locale's format.
    pub fn format_datetime(self, at: NaiveDateTime) -> String {
        format!("{} {} UTC", self.format_date(at), at.format("%H:%M"))
    }
}

/// The message files, one set per locale, as compiled into the binary: each locale's files
/// joined into one source.
pub const SOURCES: [(Locale, &str); 3] = [
    (
        Locale::En,
        concat!(
            include_str!("../../locales/en/main.ftl"),
            "\n",
            include_str!("../../locales/en/accounts.ftl"),
            "\n",
            include_str!("../../locales/en/catalog.ftl"),
            "\n",
            include_str!("../../locales/en/security.ftl"),
            "\n",
            include_str!("../../locales/en/mfa.ftl"),
            "\n",
            include_str!("../../locales/en/limits.ftl"),
            "\n",
            include_str!("../../locales/en/bulk.ftl"),
            "\n",
            include_str!("../../locales/en/api.ftl")
        ),
    ),
    (
        Locale::ZhTw,
        concat!(
            include_str!("../../locales/zh-TW/main.ftl"),
            "\n",
            include_str!("../../locales/zh-TW/accounts.ftl"),
            "\n",
            include_str!("../../locales/zh-TW/catalog.ftl"),
            "\n",
            include_str!("../../locales/zh-TW/security.ftl"),
            "\n",
            include_str!("../../locales/zh-TW/mfa.ftl"),
            "\n",
            include_str!("../../locales/zh-TW/limits.ftl"),
            "\n",
            include_str!("../../locales/zh-TW/bulk.ftl"),
            "\n",
            include_str!("../../locales/zh-TW/api.ftl")
        ),
    ),
    (
        Locale::JaJp,
        concat!(
            include_str!("../../locales/ja-JP/main.ftl"),
            "\n",
            include_str!("../../locales/ja-JP/accounts.ftl"),
            "\n",
            include_str!("../../locales/ja-JP/catalog.ftl"),
            "\n",
            include_str!("../../locales/ja-JP/security.ftl"),
            "\n",
            include_str!("../../locales/ja-JP/mfa.ftl"),
            "\n",
            include_str!("../../locales/ja-JP/limits.ftl"),
            "\n",
            include_str!("../../locales/ja-JP/bulk.ftl"),
            "\n",
            include_str!("../../locales/ja-JP/api.ftl")
        ),
    ),
];

/// Every locale's messages, ready to format.
pub struct I18n {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
    /// The messages that take no argument, formatted once at start: most of a page's words,
    /// which would otherwise go through the formatter on every request.
    plain: HashMap<Locale, PlainTexts, std::hash::BuildHasherDefault<Fnv>>,
}

/// A locale's messages without arguments, by id. Looked up many times on every page with ids
/// written in the program, so hashed with FNV-1a, which costs less than the default hasher on
/// such short keys (no key here comes from a request).
type PlainTexts = HashMap<String, String, std::hash::BuildHasherDefault<Fnv>>;

/// The FNV-1a hash, 64 bits.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl I18n {
    /// Parses the compiled-in messages; a syntax error is a bug, reported at start.
    pub fn load() -> anyhow::Result<I18n> {
        let mut bundles = HashMap::new();
        for (locale, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_string()).map_err(|(_, errs)| {
                anyhow::anyhow!("{}: {} syntax errors in messages", locale.tag(), errs.len())
            })?;
            let langid = locale
                .tag()
                .parse()
                .map_err(|_| anyhow::anyhow!("bad language tag {}", locale.tag()))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errs| anyhow::anyhow!("{}: {errs:?}", locale.tag()))?;
            bundles.insert(locale, bundle);
        }
        let mut plain = HashMap::default();
        for (locale, source) in SOURCES {
            let Some(bundle) = bundles.get(&locale) else {
                continue;
            };
            let texts: PlainTexts = message_ids(source)
                .into_iter()
                .filter_map(|id| {
                    let pattern = bundle.get_message(&id)?.value()?;
                    let mut errors = Vec::new();
                    // A message that needs an argument reports it missing: it stays out.
                    let text = bundle.format_pattern(pattern, None, &mut errors);
                    errors.is_empty().then(|| (id, text.into_owned()))
                })
                .collect();
            plain.insert(locale, texts);
        }
        Ok(I18n { bundles, plain })
    }

    /// The message, when it takes no argument, without formatting it again; any other message
    /// formatted as [`I18n::format`] does.
    pub fn text(&self, locale: Locale, id: &str) -> std::borrow::Cow<'_, str> {
        match self.plain.get(&locale).and_then(|texts| texts.get(id)) {
            Some(text) => std::borrow::Cow::Borrowed(text.as_str()),
            None => std::borrow::Cow::Owned(self.format(locale, id, None)),
        }
    }

    /// True when the locale has this message.
    pub fn has(&self, locale: Locale, id: &str) -> bool {
        self.bundles.get(&locale).is_some_and(|b| b.has_message(id))
    }

    /// The message, formatted with `args`. A missing message shows its id and is logged, so a
    /// gap is visible but never breaks a page (tests make sure there are none).
    pub fn format(&self, locale: Locale, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(bundle) = self.bundles.get(&locale) else {
            return id.to_string();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, locale = locale.tag(), "missing message");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                id,
                locale = locale.tag(),
                ?errors,
                "message formatting errors"
            );
        }
        text.into_owned()
    }

    /// The message with named string arguments.
    pub fn format_with(&self, locale: Locale, id: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(locale, id, Some(&fluent_args))
    }

    /// The message with one numeric argument (for plural forms).
    pub fn format_count(&self, locale: Locale, id: &str, name: &str, count: i64) -> String {
        let mut fluent_args = FluentArgs::new();
        fluent_args.set(name, FluentValue::from(count));
        self.format(locale, id, Some(&fluent_args))
    }
}

/// The message ids defined in one `.ftl` source (messages, not terms).
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| {
            l.chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_uppercase())
        })
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_read_from_the_start_up_texts_is_what_the_formatter_gives() {
        let i18n = I18n::load().unwrap();
        for (locale, source) in SOURCES {
            let mut plain = 0;
            for id in message_ids(source) {
                let text = i18n.text(locale, &id);
                if matches!(text, std::borrow::Cow::Borrowed(_)) {
                    plain += 1;
                }
                assert_eq!(text, i18n.format(locale, &id, None), "{id}");
            }
            assert!(plain > 100, "{}: {plain} texts kept", locale.tag());
        }
        // A message with an argument is formatted with it, every time.
        let caused = i18n.format_with(Locale::En, "audit-caused-by", &[("change", "X")]);
        assert!(caused.contains('X'), "{caused}");
        assert!(matches!(
            i18n.text(Locale::En, "audit-caused-by"),
            std::borrow::Cow::Owned(_)
        ));
    }

    #[test]
    fn accept_language_maps_to_the_three_locales() {
        assert_eq!(Locale::negotiate("zh-TW,zh;q=0.9"), Locale::ZhTw);
        assert_eq!(Locale::negotiate("zh-Hant"), Locale::ZhTw);
        assert_eq!(Locale::negotiate("zh-HK"), Locale::ZhTw);
        assert_eq!(Locale::negotiate("ja"), Locale::JaJp);
        assert_eq!(Locale::negotiate("ja-JP,en;q=0.5"), Locale::JaJp);
        assert_eq!(Locale::negotiate("fr-FR, ja;q=0.4, en;q=0.8"), Locale::En);
        assert_eq!(Locale::negotiate("zh-CN"), Locale::En);
        assert_eq!(Locale::negotiate("de, ja;q=0.1"), Locale::JaJp);
        assert_eq!(Locale::negotiate(""), Locale::En);
        assert_eq!(Locale::negotiate("en;q=0, ja"), Locale::JaJp);
    }

    #[test]
    fn dates_follow_the_locale() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap();
        assert_eq!(Locale::En.format_date(at), "Nov 2, 2026");
        assert_eq!(Locale::ZhTw.format_date(at), "2026年11月2日");
        assert_eq!(Locale::JaJp.format_datetime(at), "2026年11月2日 09:05 UTC");
    }

    #[test]
    fn messages_format_without_isolation_marks() {
        let i18n = I18n::load().unwrap();
        let text = i18n.format_with(Locale::En, "signed-in-as", &[("name", "Ana")]);
        assert!(text.contains("Ana"));
        assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
    }
}
