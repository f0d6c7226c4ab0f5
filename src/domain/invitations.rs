//! Invitations: single-use links with which an indirect provider requests a partnership with an
//! indirect reseller, or a partner requests a relationship with a customer (with or without
//! delegated admin privileges), and the rule that says who may answer one.
//!
//! The link carries a 256-bit random token; only its SHA-256 is stored, so a copy of the
//! database cannot be turned into working links.

use chrono::{Duration, NaiveDateTime};
use sha2::{Digest, Sha256};

use super::roles::Role;
use super::OrgKind;

/// How long a link can be used.
pub const VALID_DAYS: i64 = 30;

stored_enum! {
    /// What an invitation asks for.
    pub enum InvitationKind in "invitations.kind" {
        /// Provider -> indirect reseller; names the reseller by partner ID.
        Partnership = "partnership",
        /// Partner -> customer; names a customer when sent from that customer's page, otherwise
        /// the customer whose admin accepts it.
        CustomerRelationship = "customer_relationship",
    }
}

stored_enum! {
    /// Where an invitation stands.
    pub enum InvitationStatus in "invitations.status" {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        /// The sender took it back before anyone answered.
        Withdrawn = "withdrawn",
    }
}

/// When an invitation made at `created_at` stops working.
pub fn expires_at(created_at: NaiveDateTime) -> NaiveDateTime {
    created_at + Duration::days(VALID_DAYS)
}

/// Tokens are 64 lower-case hex digits (256 bits, see `auth::session::random_token`); anything
/// else is never looked up.
pub fn is_well_formed_token(token: &str) -> bool {
    token.len() == 64
        && token
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `text` with every invitation token (64 lower-case hex digits, wherever it appears in a path
/// or query, even right after a percent-escape) replaced, so request logs never hold a working
/// link.
pub fn redact_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 64 {
            out.push_str(&run[..run.len() - 64]);
            out.push_str("[token]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if matches!(c, '0'..='9' | 'a'..='f') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// What is stored and looked up instead of the token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// An invitation as stored.
#[derive(Debug, Clone)]
pub struct InvitationFacts<'a> {
    pub kind: InvitationKind,
    pub status: InvitationStatus,
    pub expires_at: NaiveDateTime,
    pub target_organization_id: Option<&'a str>,
}

/// The signed-in user who opens the link.
#[derive(Debug, Clone)]
pub struct Responder<'a> {
    pub organization_id: &'a str,
    pub organization_kind: OrgKind,
    pub role: Role,
}

/// Why a link cannot be answered; each is shown as its own localized page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationProblem {
    /// Malformed, unknown, or never made.
    NotValid,
    Used,
    Declined,
    /// The sender withdrew it.
    Withdrawn,
    Expired,
    /// Opened by a user of another kind of organization than the one invited.
    WrongKind(InvitationKind),
    /// Addressed to another organization.
    NotYours,
    /// The right organization, but a role that may not answer.
    WrongRole(InvitationKind),
}

impl InvitationProblem {
    pub fn message_id(self) -> &'static str {
        match self {
            InvitationProblem::NotValid => "invitation-not-valid",
            InvitationProblem::Used => "invitation-used",
            InvitationProblem::Declined => "invitation-was-declined",
            InvitationProblem::Withdrawn => "invitation-was-withdrawn",
            InvitationProblem::Expired => "invitation-expired",
            InvitationProblem::WrongKind(InvitationKind::Partnership) => {
                "invitation-wrong-kind-partnership"
            }
            InvitationProblem::WrongKind(InvitationKind::CustomerRelationship) => {
                "invitation-wrong-kind-customer"
            }
            InvitationProblem::NotYours => "invitation-not-yours",
            InvitationProblem::WrongRole(InvitationKind::Partnership) => {
                "invitation-wrong-role-partnership"
            }
            InvitationProblem::WrongRole(InvitationKind::CustomerRelationship) => {
                "invitation-wrong-role-customer"
            }
        }
    }
}

/// Whether `who` may accept or decline the invitation now. The link's own state is checked
/// first (a used link says so to anyone who holds it), then who opens it.
pub fn check(
    invitation: &InvitationFacts<'_>,
    who: &Responder<'_>,
    now: NaiveDateTime,
) -> Result<(), InvitationProblem> {
    match invitation.status {
        InvitationStatus::Accepted => return Err(InvitationProblem::Used),
        InvitationStatus::Declined => return Err(InvitationProblem::Declined),
        InvitationStatus::Withdrawn => return Err(InvitationProblem::Withdrawn),
        InvitationStatus::Pending => {}
    }
    if now >= invitation.expires_at {
        return Err(InvitationProblem::Expired);
    }
    let (invited_kind, role_fits) = match invitation.kind {
        InvitationKind::Partnership => (
            OrgKind::IndirectReseller,
            who.role.may_manage_organization(),
        ),
        InvitationKind::CustomerRelationship => {
            (OrgKind::Customer, who.role == Role::CustomerGlobalAdmin)
        }
    };
    if who.organization_kind != invited_kind {
        return Err(InvitationProblem::WrongKind(invitation.kind));
    }
    if invitation
        .target_organization_id
        .is_some_and(|target| target != who.organization_id)
    {
        return Err(InvitationProblem::NotYours);
    }
    if !role_fits {
        return Err(InvitationProblem::WrongRole(invitation.kind));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    fn partnership(target: &str) -> InvitationFacts<'_> {
        InvitationFacts {
            kind: InvitationKind::Partnership,
            status: InvitationStatus::Pending,
            expires_at: expires_at(at(1)),
            target_organization_id: Some(target),
        }
    }

    fn who(org: &str, kind: OrgKind, role: Role) -> Responder<'_> {
        Responder {
            organization_id: org,
            organization_kind: kind,
            role,
        }
    }

    #[test]
    fn the_named_resellers_admin_may_answer_a_partnership_request() {
        let inv = partnership("fabrikam");
        for role in [Role::AdminAgent, Role::GlobalAdmin] {
            let fabrikam = who("fabrikam", OrgKind::IndirectReseller, role);
            assert_eq!(check(&inv, &fabrikam, at(2)), Ok(()));
        }
        let northwind = who("northwind", OrgKind::IndirectReseller, Role::AdminAgent);
        assert_eq!(
            check(&inv, &northwind, at(2)),
            Err(InvitationProblem::NotYours)
        );
        let helpdesk = who("fabrikam", OrgKind::IndirectReseller, Role::HelpdeskAgent);
        assert_eq!(
            check(&inv, &helpdesk, at(2)),
            Err(InvitationProblem::WrongRole(InvitationKind::Partnership))
        );
        let provider = who("contoso", OrgKind::IndirectProvider, Role::AdminAgent);
        let customer = who("adatum", OrgKind::Customer, Role::CustomerGlobalAdmin);
        for other in [provider, customer] {
            assert_eq!(
                check(&inv, &other, at(2)),
                Err(InvitationProblem::WrongKind(InvitationKind::Partnership))
            );
        }
    }

    #[test]
    fn an_unaddressed_customer_invitation_binds_whichever_customer_admin_answers() {
        let inv = InvitationFacts {
            kind: InvitationKind::CustomerRelationship,
            status: InvitationStatus::Pending,
            expires_at: expires_at(at(1)),
            target_organization_id: None,
        };
        let admin = who("adatum", OrgKind::Customer, Role::CustomerGlobalAdmin);
        assert_eq!(check(&inv, &admin, at(2)), Ok(()));
        let user = who("adatum", OrgKind::Customer, Role::CustomerUser);
        assert_eq!(
            check(&inv, &user, at(2)),
            Err(InvitationProblem::WrongRole(
                InvitationKind::CustomerRelationship
            ))
        );
        let partner = who("fabrikam", OrgKind::IndirectReseller, Role::AdminAgent);
        assert_eq!(
            check(&inv, &partner, at(2)),
            Err(InvitationProblem::WrongKind(
                InvitationKind::CustomerRelationship
            ))
        );
        let addressed = InvitationFacts {
            target_organization_id: Some("wingtip"),
            ..inv
        };
        assert_eq!(
            check(&addressed, &admin, at(2)),
            Err(InvitationProblem::NotYours)
        );
    }

    #[test]
    fn used_declined_and_expired_links_say_so_to_anyone() {
        let fabrikam = who("fabrikam", OrgKind::IndirectReseller, Role::AdminAgent);
        let mut inv = partnership("fabrikam");
        assert_eq!(check(&inv, &fabrikam, at(30)), Ok(()));
        assert_eq!(
            check(&inv, &fabrikam, expires_at(at(1))),
            Err(InvitationProblem::Expired),
            "30 days to the second"
        );
        inv.status = InvitationStatus::Accepted;
        assert_eq!(check(&inv, &fabrikam, at(2)), Err(InvitationProblem::Used));
        inv.status = InvitationStatus::Declined;
        let stranger = who("adatum", OrgKind::Customer, Role::CustomerUser);
        assert_eq!(
            check(&inv, &stranger, at(2)),
            Err(InvitationProblem::Declined)
        );
    }

    #[test]
    fn tokens_are_checked_before_lookup_and_only_their_hash_is_kept() {
        let token = "ab".repeat(32);
        assert!(is_well_formed_token(&token));
        assert!(!is_well_formed_token(&"AB".repeat(32)));
        assert!(!is_well_formed_token("abc"));
        assert!(!is_well_formed_token(&format!("{}g", "a".repeat(63))));
        let hash = token_hash(&token);
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, token);
        assert_eq!(hash, token_hash(&token));
    }

    #[test]
    fn tokens_never_reach_the_log() {
        let token = "0f".repeat(32);
        assert_eq!(
            redact_tokens(&format!("GET /invitations/{token}/accept HTTP/1.1")),
            "GET /invitations/[token]/accept HTTP/1.1"
        );
        assert_eq!(
            redact_tokens(&format!("/sign-in?next=%2Finvitations%2F{token}")),
            "/sign-in?next=%2Finvitations%2F[token]"
        );
        assert_eq!(
            redact_tokens(&format!("/sign-in?next=%2finvitations%2f{token}")),
            "/sign-in?next=%2finvitations%2f[token]"
        );
        let id = "3f0c9c1e-8f5b-4d1e-9a57-2b6f0e8a1c2d";
        assert_eq!(
            redact_tokens(&format!("/customers/{id}")),
            format!("/customers/{id}")
        );
    }
}
