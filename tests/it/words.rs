//! The reviewed words of the zh-TW and ja-JP pages (shared/glossary.md): once fixed, a term
//! stays fixed in every message. Reads the compiled-in Fluent sources, so no server is needed.

use support_contacts::i18n::{Locale, SOURCES};

/// Every message of a locale as (id, text); continuation lines (indented or blank) are joined
/// to their message with a newline, and a comment or a new id ends a message.
fn messages(locale: Locale) -> Vec<(String, String)> {
    let source = SOURCES.iter().find(|(l, _)| *l == locale).unwrap().1;
    let mut out: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for line in source.lines() {
        if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            if let Some((id, text)) = line.split_once('=') {
                out.push((id.trim().to_string(), text.trim().to_string()));
                open = true;
                continue;
            }
        }
        if open && (line.is_empty() || line.starts_with(char::is_whitespace)) {
            let text = &mut out.last_mut().unwrap().1;
            text.push('\n');
            text.push_str(line.trim());
        } else {
            open = false;
        }
    }
    out.into_iter()
        .map(|(id, text)| (id, text.trim_end().to_string()))
        .collect()
}

/// The text of one message.
fn text(locale: Locale, id: &str) -> String {
    messages(locale)
        .into_iter()
        .find(|(i, _)| i == id)
        .unwrap_or_else(|| panic!("{}: no message {id}", locale.tag()))
        .1
}

/// No message says `bad`, apart from inside one of the `allowed` phrases.
fn assert_absent(locale: Locale, bad: &str, allowed: &[&str]) {
    for (id, text) in messages(locale) {
        let rest = allowed.iter().fold(text.clone(), |t, a| t.replace(a, ""));
        assert!(
            !rest.contains(bad),
            "{}: {id} says {bad}: {text}",
            locale.tag()
        );
    }
}

fn assert_text(locale: Locale, id: &str, expected: &str) {
    assert_eq!(text(locale, id), expected, "{}: {id}", locale.tag());
}

#[test]
fn zh_tw_names_privileges_and_roles_as_microsoft_does() {
    assert_absent(Locale::ZhTw, "許可權", &[]);
    assert_text(
        Locale::ZhTw,
        "delegated-admin-privileges",
        "委派的系統管理員權限",
    );
    assert_absent(Locale::ZhTw, "帳單管理員", &[]);
    assert_text(Locale::ZhTw, "role-billing-admin", "帳單系統管理員");
}

#[test]
fn zh_tw_says_active_one_way() {
    // 有效 stays only where it means "valid" (有效期限, how long a link works).
    assert_absent(Locale::ZhTw, "有效", &["有效期限"]);
    for id in [
        "subscription-status-active",
        "resellers-state-active",
        "audit-value-active",
    ] {
        assert_text(Locale::ZhTw, id, "使用中");
    }
}

#[test]
fn zh_tw_reads_naturally() {
    assert_absent(Locale::ZhTw, "貴組織", &[]);
    assert_absent(Locale::ZhTw, "的指派的", &[]);
    assert_text(Locale::ZhTw, "nav-main", "主要導覽");
    for id in ["nav-supported-subscriptions", "supported-title"] {
        assert_text(Locale::ZhTw, id, "由您的組織支援的訂用帳戶");
    }
}

#[test]
fn ja_jp_names_roles_as_the_glossary_does() {
    assert_text(Locale::JaJp, "role-sales-agent", "セールス エージェント");
    assert_text(Locale::JaJp, "role-billing-admin", "課金管理者");
    for bad in [
        "セールスエージェント",
        "営業担当者",
        "請求管理者",
        "課金 管理者",
        "課金の管理者",
    ] {
        assert_absent(Locale::JaJp, bad, &[]);
    }
}

#[test]
fn ja_jp_spells_each_term_one_way() {
    assert_absent(Locale::JaJp, "テクニカルサポート", &[]);
    assert_absent(Locale::JaJp, "サポートプロファイル", &[]);
    assert_absent(
        Locale::JaJp,
        "サポートの連絡先",
        &["利用可能なサポートの連絡先"],
    );
    assert_absent(Locale::JaJp, "自社の組織", &[]);
    assert_text(Locale::JaJp, "nav-main", "メイン ナビゲーション");
    let suspended = text(Locale::JaJp, "subscription-status-suspended");
    assert!(
        suspended.contains("中断"),
        "ja-JP: subscription-status-suspended says {suspended}"
    );
}
