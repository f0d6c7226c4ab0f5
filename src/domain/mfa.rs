//! Multi-factor authentication's rules: time-based one-time codes (TOTP, RFC 6238: HMAC-SHA-1,
//! 6 digits, 30-second steps, the step before and after accepted), never the same step twice,
//! single-use recovery codes, who must use MFA, and the pending second step of a sign-in.
//!
//! Plain Rust: the secret, the clock and the last accepted step are passed in. Storing them is
//! `db::mfa`'s work, asking for them `web::mfa`'s.

use rand::Rng;
use serde::{Deserialize, Serialize};
use totp_rs::{Algorithm, Builder, Secret, Totp};

use super::OrgKind;

/// The name authenticator apps show above the user's email.
pub const ISSUER: &str = "support-contacts";
/// Seconds of one time step.
pub const STEP_SECONDS: u64 = 30;
/// Digits of a code.
pub const DIGITS: usize = 6;
/// Bytes of a new secret (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;
/// How many recovery codes a user gets at a time.
pub const RECOVERY_CODES: usize = 10;
/// How long the second step of a sign-in may wait after the password, in seconds.
pub const SECOND_STEP_SECONDS: i64 = 5 * 60;

/// Partner Center requires MFA of every partner user; a customer's Global admin may turn it on.
pub fn required_by_default(kind: OrgKind) -> bool {
    kind.is_partner()
}

/// Whether a user may turn their own MFA off: only when their organization does not require it.
pub fn check_turn_off(organization_requires: bool) -> Result<(), &'static str> {
    if organization_requires {
        Err("mfa-error-required")
    } else {
        Ok(())
    }
}

/// A new random secret, as the base32 text stored and shown (without padding).
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rng().fill(&mut bytes[..]);
    Secret::from(bytes.to_vec()).to_base32()
}

/// The TOTP of a stored secret for `email`; None when the text is not a usable secret.
fn totp(secret: &str, email: &str) -> Option<Totp> {
    let bytes = Secret::try_from_base32(secret).ok()?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS as u8)
        .with_skew(1)
        .with_step_duration(STEP_SECONDS)
        .with_secret(bytes.as_bytes().to_vec())
        .with_issuer(Some(ISSUER))
        .with_account_name(email)
        .build()
        .ok()
}

/// The `otpauth://` address a QR code carries: issuer, account (the email) and secret.
pub fn otpauth_uri(secret: &str, email: &str) -> Option<String> {
    totp(secret, email)?.to_url().ok()
}

/// The secret as people type it: groups of four characters.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The time step of a moment (seconds since 1970).
pub fn step_of(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// The code of `secret` at a moment; what an authenticator app shows then.
pub fn code_at(secret: &str, unix_seconds: u64) -> Option<String> {
    Some(totp(secret, "")?.generate(unix_seconds).to_string())
}

/// Why a code was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// Not the code of the current step or its neighbours.
    Wrong,
    /// The code of a step at or before the last one accepted: it was used already.
    Replayed,
}

impl CodeProblem {
    pub fn message_id(self) -> &'static str {
        match self {
            CodeProblem::Wrong => "mfa-error-code",
            CodeProblem::Replayed => "mfa-error-code-used",
        }
    }
}

/// Checks a typed code against the steps around `unix_seconds` and returns the step it is the
/// code of. A step at or before `last_step` (the last one accepted) is refused, so a code works
/// once and an older one never after a newer one.
pub fn check_code(
    secret: &str,
    typed: &str,
    unix_seconds: u64,
    last_step: Option<u64>,
) -> Result<u64, CodeProblem> {
    let typed = normalize_code(typed).ok_or(CodeProblem::Wrong)?;
    let totp = totp(secret, "").ok_or(CodeProblem::Wrong)?;
    // The crate compares in constant time and returns the first step of the window (the one
    // before now, now, the one after) whose code this is.
    let step = totp.check(&typed, unix_seconds).ok_or(CodeProblem::Wrong)?;
    match last_step {
        Some(last) if step <= last => Err(CodeProblem::Replayed),
        _ => Ok(step),
    }
}

/// A typed six-digit code without the spaces people put in it; None for anything else.
pub fn normalize_code(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == DIGITS && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// The characters of recovery codes: lower-case letters and digits without look-alikes.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters of a recovery code (about 49 bits), shown as two groups of five.
const RECOVERY_CHARS: usize = 10;

/// Ten new recovery codes as shown to the user (`ABCDE-FGHJK`; typed in any case).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..RECOVERY_CHARS)
                .map(|_| RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..]).to_uppercase()
        })
        .collect()
}

/// A typed recovery code as it is hashed: lower case, without spaces and hyphens; None when it
/// cannot be one.
pub fn normalize_recovery_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (code.len() == RECOVERY_CHARS && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(code)
}

/// What is stored of a recovery code: the SHA-256 of its normalized form.
pub fn recovery_code_hash(code: &str) -> Option<String> {
    normalize_recovery_code(code).map(|c| super::invitations::token_hash(&c))
}

/// What a second-step form may hold: a six-digit code or a recovery code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    Code(String),
    /// The hash of a recovery code.
    RecoveryCode(String),
}

impl SecondFactor {
    pub fn parse(typed: &str) -> Option<SecondFactor> {
        normalize_code(typed)
            .map(SecondFactor::Code)
            .or_else(|| recovery_code_hash(typed).map(SecondFactor::RecoveryCode))
    }
}

/// Which second step a sign-in needs, when it needs one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecondStep {
    /// The user has MFA: enter a code (or a recovery code).
    Code,
    /// The organization requires MFA and the user has none yet: set it up first.
    Setup,
}

/// The second step a user needs after the right password.
pub fn second_step(enrolled: bool, organization_requires: bool) -> Option<SecondStep> {
    match (enrolled, organization_requires) {
        (true, _) => Some(SecondStep::Code),
        (false, true) => Some(SecondStep::Setup),
        (false, false) => None,
    }
}

/// A sign-in waiting for its second step, as the (signed and encrypted) cookie keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub user_id: String,
    pub step: SecondStep,
    /// Seconds since 1970 after which the password must be given again.
    pub expires_at: i64,
    /// Where to go once signed in.
    pub next: String,
}

impl PendingSignIn {
    pub fn new(user_id: &str, step: SecondStep, now: i64, next: &str) -> PendingSignIn {
        PendingSignIn {
            user_id: user_id.to_string(),
            step,
            expires_at: now + SECOND_STEP_SECONDS,
            next: next.to_string(),
        }
    }

    pub fn is_live(&self, now: i64) -> bool {
        now < self.expires_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890") in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_follow_rfc_6238() {
        // The RFC's 8-digit values, cut to the last six digits.
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(RFC_SECRET, time).as_deref(), Some(code), "{time}");
        }
    }

    #[test]
    fn the_steps_around_now_are_accepted_once() {
        let now = 1_234_567_890;
        let step = step_of(now);
        let code = code_at(RFC_SECRET, now).unwrap();
        assert_eq!(check_code(RFC_SECRET, &code, now, None), Ok(step));
        assert_eq!(
            check_code(
                RFC_SECRET,
                &format!(" {} {} ", &code[..3], &code[3..]),
                now,
                None
            ),
            Ok(step)
        );
        // The previous and next steps, for clocks a little off.
        let before = code_at(RFC_SECRET, now - 30).unwrap();
        let after = code_at(RFC_SECRET, now + 30).unwrap();
        assert_eq!(check_code(RFC_SECRET, &before, now, None), Ok(step - 1));
        assert_eq!(check_code(RFC_SECRET, &after, now, None), Ok(step + 1));
        // Two steps away is too far.
        let far = code_at(RFC_SECRET, now + 60).unwrap();
        assert_eq!(
            check_code(RFC_SECRET, &far, now, None),
            Err(CodeProblem::Wrong)
        );
        // Once a step is accepted, it and the steps before it are refused.
        assert_eq!(
            check_code(RFC_SECRET, &code, now, Some(step)),
            Err(CodeProblem::Replayed)
        );
        assert_eq!(
            check_code(RFC_SECRET, &before, now, Some(step)),
            Err(CodeProblem::Replayed)
        );
        assert_eq!(
            check_code(RFC_SECRET, &after, now, Some(step)),
            Ok(step + 1)
        );
        for bad in ["", "12345", "1234567", "abcdef", "１２３４５６"] {
            assert_eq!(
                check_code(RFC_SECRET, bad, now, None),
                Err(CodeProblem::Wrong),
                "{bad}"
            );
        }
    }

    #[test]
    fn secrets_are_new_each_time_and_shown_in_groups_and_an_otpauth_address() {
        let a = new_secret();
        assert_eq!(a.len(), 32, "160 bits in base32 without padding");
        assert_ne!(a, new_secret());
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
        let uri = otpauth_uri(RFC_SECRET, "gil@contoso.example").unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains("issuer=support-contacts"), "{uri}");
        assert!(uri.contains(&format!("secret={RFC_SECRET}")), "{uri}");
        assert!(uri.contains("gil%40contoso.example") || uri.contains("gil@contoso.example"));
        assert!(code_at("not base32!", 59).is_none());
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_read_back_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert_eq!(code.len(), 11);
        let hash = recovery_code_hash(code).unwrap();
        assert_eq!(code, &code.to_uppercase(), "shown in capitals");
        assert_eq!(recovery_code_hash(&code.to_lowercase()), Some(hash.clone()));
        assert_eq!(
            recovery_code_hash(&code.replace('-', " ")),
            Some(hash.clone())
        );
        assert_eq!(
            SecondFactor::parse(code),
            Some(SecondFactor::RecoveryCode(hash))
        );
        assert_eq!(
            SecondFactor::parse("123 456"),
            Some(SecondFactor::Code("123456".into()))
        );
        assert_eq!(SecondFactor::parse("abc"), None);
        assert_eq!(
            normalize_recovery_code("abcde-fghi1"),
            None,
            "1 is not used"
        );
    }

    #[test]
    fn partners_require_mfa_and_the_second_step_follows_from_it() {
        assert!(required_by_default(OrgKind::IndirectProvider));
        assert!(required_by_default(OrgKind::IndirectReseller));
        assert!(!required_by_default(OrgKind::Customer));
        assert_eq!(second_step(true, false), Some(SecondStep::Code));
        assert_eq!(second_step(true, true), Some(SecondStep::Code));
        assert_eq!(second_step(false, true), Some(SecondStep::Setup));
        assert_eq!(second_step(false, false), None);
        assert_eq!(check_turn_off(true), Err("mfa-error-required"));
        assert_eq!(check_turn_off(false), Ok(()));
    }

    #[test]
    fn a_pending_second_step_lasts_five_minutes() {
        let p = PendingSignIn::new("u", SecondStep::Code, 1_000, "/customers");
        assert!(p.is_live(1_000));
        assert!(p.is_live(1_299));
        assert!(!p.is_live(1_300));
    }
}
