//! Every page in en, zh-TW and ja-JP: the same messages everywhere, the glossary's words, the
//! locale chosen the way users expect.

use std::collections::BTreeSet;
use std::path::Path;

use support_contacts::i18n::{message_ids, Locale, SOURCES};

use crate::helpers::*;

#[test]
fn all_locales_have_exactly_the_same_message_ids() {
    let en: BTreeSet<String> = message_ids(SOURCES[0].1).into_iter().collect();
    assert!(en.len() > 100);
    for (locale, source) in SOURCES {
        let ids = message_ids(source);
        let set: BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(ids.len(), set.len(), "{} repeats an id", locale.tag());
        let missing: Vec<_> = en.difference(&set).collect();
        let extra: Vec<_> = set.difference(&en).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            locale.tag()
        );
    }
}

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// String literals in Rust code that look like message ids (kebab-case).
fn kebab_literals(code: &str) -> Vec<String> {
    code.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('-')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !s.starts_with('-')
                && !s.ends_with('-')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_message_id_used_in_templates_and_code_exists() {
    let en: BTreeSet<String> = message_ids(SOURCES[0].1).into_iter().collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeSet::new();
    let mut templates = Vec::new();
    files(&root.join("templates"), "html", &mut templates);
    for t in &templates {
        let text = std::fs::read_to_string(t).unwrap();
        for call in ["ctx.t(\"", "ctx.t1(\"", "ctx.tn(\""] {
            for chunk in text.split(call).skip(1) {
                used.insert(chunk.split('"').next().unwrap().to_string());
            }
        }
    }
    assert!(used.len() > 50, "templates use messages");
    // Kebab-case literals in the code that are not messages: HTTP header values, the
    // program's name, path segments of User management.
    let not_messages = [
        "no-store",
        "same-origin",
        "sec-fetch-site",
        "x-forwarded-for",
        "support-contacts",
        "x-request-id",
        "mfa-policy",
        "mfa-reset",
        "password-link",
    ];
    let mut sources = Vec::new();
    files(&root.join("src"), "rs", &mut sources);
    for s in &sources {
        let text = std::fs::read_to_string(s).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        used.extend(
            kebab_literals(code)
                .into_iter()
                .filter(|l| !not_messages.contains(&l.as_str())),
        );
    }
    let missing: Vec<_> = used.iter().filter(|id| !en.contains(*id)).collect();
    assert!(missing.is_empty(), "ids used but not defined: {missing:?}");
}

#[actix_web::test]
async fn accept_language_picks_the_locale_and_html_lang_matches() {
    let app = TestApp::spawn().await;
    for (header, lang, title) in [
        ("zh-TW,zh;q=0.9,en;q=0.5", "zh-TW", "登入"),
        ("zh-Hant", "zh-TW", "登入"),
        ("zh-HK", "zh-TW", "登入"),
        ("ja", "ja-JP", "サインイン"),
        ("fr-FR", "en", "Sign in"),
    ] {
        let b = app.browser();
        *b.accept_language.borrow_mut() = Some(header.into());
        let page = b.get("/sign-in").await;
        assert_eq!(page.html_lang(), Some(lang), "{header}");
        assert!(page.title().contains(title), "{header}: {}", page.title());
    }
}

#[actix_web::test]
async fn an_explicit_choice_wins_and_keeps_the_user_on_the_same_page() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    *b.accept_language.borrow_mut() = Some("zh-TW".into());
    let path = subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
    let page = b.get(&path).await;
    assert_eq!(page.html_lang(), Some("zh-TW"));
    let switch = page.link("日本語").expect("a language switcher link");
    let moved = b.get(&switch).await;
    assert_eq!(moved.status, 303);
    assert_eq!(moved.location(), path, "back to the same page");
    let again = b.get(&path).await;
    assert_eq!(
        again.html_lang(),
        Some("ja-JP"),
        "the choice beats Accept-Language"
    );
    assert!(again.body.contains("aria-current=\"true\">日本語</a>"));
    // Pages with a query come back with it.
    let search = b.get("/customers?q=ada").await;
    let back = b.get(&search.link("English").unwrap()).await;
    assert_eq!(back.location(), "/customers?q=ada");
    // A switcher link never leads off the site.
    let evil = b.get("/language?lang=en&next=//evil.example").await;
    assert_eq!(evil.location(), "/");
}

#[actix_web::test]
async fn pages_use_the_glossary_words_in_each_language() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
    for (tag, contact, submit, customers) in [
        ("en", "Designated support contact", "Submit", "Customers"),
        ("zh-TW", "指派的支援連絡人", "提交", "客戶"),
        ("ja-JP", "指定のサポート連絡先", "送信", "顧客"),
    ] {
        b.set_cookie("lang", tag);
        let page = b.get(&path).await;
        assert!(
            page.body
                .contains(&format!("<label for=\"support_contact\">{contact}</label>")),
            "{tag}"
        );
        assert!(page.body.contains(&format!(">{submit}</button>")), "{tag}");
        assert!(
            page.body
                .contains(&format!("<a href=\"/customers\">{customers}</a>")),
            "{tag}"
        );
        let list = b.get("/customers").await;
        assert!(
            list.body.contains(&format!("<h1>{customers}</h1>")),
            "{tag}"
        );
        // Product and company names are never translated.
        assert!(page.body.contains("Office 365 Business Standard"));
        assert!(page.body.contains("Fabrikam Solutions"));
    }
    let customer = app.signed_in("admin@adatum.example").await;
    for (tag, support, admin) in [
        ("en", "Support", "Admin"),
        ("zh-TW", "支援", "系統管理員"),
        ("ja-JP", "サポート", "管理者"),
    ] {
        customer.set_cookie("lang", tag);
        let page = customer.get("/admin/support").await;
        assert!(page.body.contains(&format!("<h1>{support}</h1>")), "{tag}");
        assert!(page.body.contains(&format!(">{admin}</a>")), "{tag}");
    }
}

#[actix_web::test]
async fn the_review_step_says_close_in_each_language() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
    let page = b.get(&path).await;
    let fabrikam = page.option_value("support_contact", "Fabrikam Solutions");
    let done = b
        .post(
            &path,
            &[
                ("csrf_token", &page.csrf()),
                ("version", "1"),
                ("support_contact", &fabrikam),
            ],
        )
        .await;
    for (tag, close) in [("en", "Close"), ("zh-TW", "關閉"), ("ja-JP", "閉じる")] {
        b.set_cookie("lang", tag);
        let review = b.get(done.location()).await;
        assert!(review.body.contains(&format!(">{close}</button>")), "{tag}");
        assert_eq!(review.html_lang(), Some(tag));
    }
}

#[actix_web::test]
async fn dates_render_in_the_locale_format_and_pages_have_no_bidi_marks() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
    let created: chrono::NaiveDateTime = {
        use diesel::prelude::*;
        use support_contacts::db::schema::subscriptions;
        subscriptions::table
            .filter(subscriptions::product_name.eq("Office 365 Business Standard"))
            .select(subscriptions::created_at)
            .first(&mut app.conn())
            .unwrap()
    };
    for locale in Locale::ALL {
        b.set_cookie("lang", locale.tag());
        for p in [path.as_str(), "/customers", "/support-profile"] {
            let page = b.get(p).await;
            assert!(
                !page.body.contains('\u{2068}') && !page.body.contains('\u{2069}'),
                "{p}"
            );
        }
        let page = b.get(&path).await;
        assert!(
            page.body.contains(&locale.format_date(created)),
            "{}",
            locale.tag()
        );
    }
}
