//! A partner's support profile (the details customers see) and how it is validated.

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

pub fn validate(input: &ProfileInput) -> Result<SupportProfile, ProfileErrors> {
    let email = input.email.trim();
    let phone = input.phone.trim();
    let website = input.website.trim();
    let errors = ProfileErrors {
        email: check_email(email).err(),
        phone: check_phone(phone).err(),
        website: check_website(website).err(),
    };
    if errors.is_empty() {
        Ok(SupportProfile {
            email: email.to_string(),
            phone: phone.to_string(),
            website: website.to_string(),
        })
    } else {
        Err(errors)
    }
}

fn check_email(email: &str) -> Result<(), &'static str> {
    if email.is_empty() {
        return Err("validation-email-required");
    }
    let well_formed = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && local.len() <= 64
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
                    && domain
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
            }
            None => false,
        };
    if well_formed {
        Ok(())
    } else {
        Err("validation-email-invalid")
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

fn check_website(website: &str) -> Result<(), &'static str> {
    if website.is_empty() {
        return Err("validation-website-required");
    }
    match url::Url::parse(website) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some_and(|h| h.contains('.')) => {
            if website.len() <= 2000 && u.username().is_empty() && u.password().is_none() {
                Ok(())
            } else {
                Err("validation-website-invalid")
            }
        }
        Ok(_) => Err("validation-website-https"),
        Err(_) => Err("validation-website-invalid"),
    }
}

/// The phone number as used in a `tel:` link: digits and a leading plus only.
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("tel:{digits}")
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
            assert_eq!(check_email(bad), Err("validation-email-invalid"), "{bad}");
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
    fn tel_links_keep_digits_only() {
        assert_eq!(tel_uri("+1 (425) 555-0100"), "tel:+14255550100");
    }
}
