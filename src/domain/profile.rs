//! A partner's support profile (the details customers see) and how it is validated.

use super::accounts;

/// What a user typed into the support profile form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileInput {
    pub email: String,
    pub phone: String,
    pub website: String,
}

/// A validated support profile, trimmed, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportProfile {
    pub email: String,
    pub phone: String,
    pub website: String,
}

/// The message id of each field's problem, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileErrors {
    pub email: Option<&'static str>,
    pub phone: Option<&'static str>,
    pub website: Option<&'static str>,
}

impl ProfileErrors {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.phone.is_none() && self.website.is_none()
    }
}

/// Checks the form and returns what to store: the email as sign-in would store it (one rule for
/// every address, see [`accounts::check_email`]), the phone as typed (trimmed), the website as the URL
/// parser writes it (so what is stored is what a browser would follow).
pub fn validate(input: &ProfileInput) -> Result<SupportProfile, ProfileErrors> {
    let email = without_control(input.email.trim()).and_then(accounts::check_email);
    let phone = without_control(input.phone.trim()).and_then(check_phone);
    let website = without_control(input.website.trim()).and_then(check_website);
    match (email, phone, website) {
        (Ok(email), Ok(()), Ok(website)) => Ok(SupportProfile {
            email,
            phone: input.phone.trim().to_string(),
            website,
        }),
        (email, phone, website) => Err(ProfileErrors {
            email: email.err(),
            phone: phone.err(),
            website: website.err(),
        }),
    }
}

/// Line breaks, tabs and other control characters have no place in a contact detail: a browser
/// or the URL parser would drop or act on them, so what customers see would differ from what
/// was checked.
fn without_control(field: &str) -> Result<&str, &'static str> {
    if field.chars().any(char::is_control) {
        Err("validation-control-characters")
    } else {
        Ok(field)
    }
}

fn check_phone(phone: &str) -> Result<(), &'static str> {
    if phone.is_empty() {
        return Err("validation-phone-required");
    }
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
    let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
    let plus_only_first = phone.rfind('+').is_none_or(|i| i == 0);
    if allowed && plus_only_first && (5..=20).contains(&digits) && phone.len() <= 32 {
        Ok(())
    } else {
        Err("validation-phone-invalid")
    }
}

/// An https address with a host name of two or more labels and no user or password; returned
/// as the URL parser serializes it (lower-case host, punycode, percent-escapes).
fn check_website(website: &str) -> Result<String, &'static str> {
    if website.is_empty() {
        return Err("validation-website-required");
    }
    match url::Url::parse(website) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some_and(|h| h.contains('.')) => {
            if u.as_str().len() <= 2000 && u.username().is_empty() && u.password().is_none() {
                Ok(u.into())
            } else {
                Err("validation-website-invalid")
            }
        }
        Ok(_) => Err("validation-website-https"),
        Err(_) => Err("validation-website-invalid"),
    }
}

/// What a `mailto:` link may carry unescaped: letters, digits, `@` and `-._~`. Everything else
/// an address may hold (`?`, `&`, `%`, `#`, `'`, `+`, …) is percent-encoded, so an address can
/// never add headers (`?bcc=`) or a body to the message it opens.
const MAILTO_KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'@')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The `mailto:` link for a support email.
pub fn mailto_href(email: &str) -> String {
    let encoded: std::borrow::Cow<'_, str> =
        percent_encoding::utf8_percent_encode(email, MAILTO_KEEP).into();
    ["mailto:", &encoded].concat()
}

/// The phone number as used in a `tel:` link: digits and a leading plus only.
pub fn tel_uri(phone: &str) -> String {
    let mut uri = String::with_capacity("tel:".len() + phone.len());
    uri.push_str("tel:");
    uri.extend(
        phone
            .chars()
            .enumerate()
            .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
            .map(|(_, c)| c),
    );
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(email: &str, phone: &str, website: &str) -> ProfileInput {
        ProfileInput {
            email: email.into(),
            phone: phone.into(),
            website: website.into(),
        }
    }

    #[test]
    fn a_good_profile_is_trimmed_and_accepted() {
        let p = validate(&input(
            " help@fabrikam.example ",
            "+1 (425) 555-0100",
            "https://support.fabrikam.example/help",
        ))
        .unwrap();
        assert_eq!(p.email, "help@fabrikam.example");
        assert_eq!(p.website, "https://support.fabrikam.example/help");
    }

    #[test]
    fn each_field_reports_its_own_problem() {
        let e = validate(&input("not-an-email", "call me", "http://x.example")).unwrap_err();
        assert_eq!(e.email, Some("validation-email-invalid"));
        assert_eq!(e.phone, Some("validation-phone-invalid"));
        assert_eq!(e.website, Some("validation-website-https"));
        let e = validate(&input("", "", "")).unwrap_err();
        assert_eq!(e.email, Some("validation-email-required"));
        assert_eq!(e.phone, Some("validation-phone-required"));
        assert_eq!(e.website, Some("validation-website-required"));
    }

    #[test]
    fn tricky_inputs_are_refused() {
        for bad in [
            "a@b",
            "a b@c.example",
            "a@@c.example",
            "@c.example",
            "a@.example",
        ] {
            assert_eq!(
                accounts::check_email(bad),
                Err("validation-email-invalid"),
                "{bad}"
            );
        }
        for bad in ["12", "+1+2 555 0100", "555-0100 ext. 5"] {
            assert_eq!(check_phone(bad), Err("validation-phone-invalid"), "{bad}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://user:pw@x.example",
            "https://localhost",
        ] {
            assert!(check_website(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn control_characters_are_refused_in_every_field() {
        let e = validate(&input(
            "help@fabrikam.example\r\nbcc: x@evil.example",
            "+1 425\t555 0100",
            "https://support.fabrikam.example/\r\nhelp",
        ))
        .unwrap_err();
        assert_eq!(e.email, Some("validation-control-characters"));
        assert_eq!(e.phone, Some("validation-control-characters"));
        assert_eq!(e.website, Some("validation-control-characters"));
    }

    #[test]
    fn the_website_is_stored_as_the_url_parser_writes_it() {
        let p = validate(&input(
            "Help@Fabrikam.example",
            "+1 425 555 0100",
            "https://Support.FABRIKAM.example/a b?q=<x>",
        ))
        .unwrap();
        assert_eq!(
            p.website,
            "https://support.fabrikam.example/a%20b?q=%3Cx%3E"
        );
        assert_eq!(p.email, "help@fabrikam.example");
        assert_eq!(
            check_website("https://x.example").as_deref(),
            Ok("https://x.example/")
        );
    }

    #[test]
    fn mailto_links_escape_everything_but_the_plain_characters() {
        assert_eq!(
            mailto_href("o'brien+support@example.com"),
            "mailto:o%27brien%2Bsupport@example.com"
        );
        assert_eq!(
            mailto_href("a?bcc=x&body=y%z#w@example.com"),
            "mailto:a%3Fbcc%3Dx%26body%3Dy%25z%23w@example.com"
        );
        assert_eq!(
            mailto_href("support@fabrikam.example"),
            "mailto:support@fabrikam.example"
        );
    }

    #[test]
    fn tel_links_keep_digits_only() {
        assert_eq!(tel_uri("+1 (425) 555-0100"), "tel:+14255550100");
        // A plus only where it starts the number; digits of other scripts are not kept.
        assert_eq!(tel_uri("(+81) 3-1234-５６７８"), "tel:8131234");
        assert_eq!(tel_uri(""), "tel:");
    }
}
