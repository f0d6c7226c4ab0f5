//! Who is asking: password hashing, the typed session, CSRF tokens, and the extractors that only
//! exist when the session is live and the role fits (so a handler cannot forget the check).

pub mod api;
pub mod extract;
pub mod password;
pub mod session;

pub use extract::{
    ContactChanger, CsrfForm, CurrentUser, CustomerAdmin, CustomerGlobalAdmin, OnPageConnection,
    PartnerAdmin, PartnerGlobalAdmin, PartnerUser, ProviderAdmin, ResellerUser, SignedIn,
    UserManager, Viewer,
};
