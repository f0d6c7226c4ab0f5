//! Roles of partner users and customer users, and what each may do.

use super::OrgKind;

/// A user's role. Partner roles follow Partner Center; customers have an admin and plain users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    AdminAgent,
    GlobalAdmin,
    HelpdeskAgent,
    SalesAgent,
    BillingAdmin,
    CustomerGlobalAdmin,
    CustomerUser,
}

impl Role {
    pub const PARTNER_ROLES: [Role; 5] = [
        Role::AdminAgent,
        Role::GlobalAdmin,
        Role::HelpdeskAgent,
        Role::SalesAgent,
        Role::BillingAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::AdminAgent => "admin_agent",
            Role::GlobalAdmin => "global_admin",
            Role::HelpdeskAgent => "helpdesk_agent",
            Role::SalesAgent => "sales_agent",
            Role::BillingAdmin => "billing_admin",
            Role::CustomerGlobalAdmin => "customer_global_admin",
            Role::CustomerUser => "customer_user",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::AdminAgent,
            Role::GlobalAdmin,
            Role::HelpdeskAgent,
            Role::SalesAgent,
            Role::BillingAdmin,
            Role::CustomerGlobalAdmin,
            Role::CustomerUser,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// The Fluent id of the role's name.
    pub fn message_id(self) -> &'static str {
        match self {
            Role::AdminAgent => "role-admin-agent",
            Role::GlobalAdmin => "role-global-admin",
            Role::HelpdeskAgent => "role-helpdesk-agent",
            Role::SalesAgent => "role-sales-agent",
            Role::BillingAdmin => "role-billing-admin",
            Role::CustomerGlobalAdmin => "role-customer-global-admin",
            Role::CustomerUser => "role-customer-user",
        }
    }

    pub fn is_partner_role(self) -> bool {
        Self::PARTNER_ROLES.contains(&self)
    }

    /// Admin agent, Global admin and Helpdesk agent may change a designated support contact
    /// ("appropriate roles" in Partner Center); Sales agents and Billing admins may only look.
    pub fn may_change_support_contact(self) -> bool {
        matches!(
            self,
            Role::AdminAgent | Role::GlobalAdmin | Role::HelpdeskAgent
        )
    }

    /// Only Admin agents and Global admins manage their organization's settings.
    pub fn may_manage_organization(self) -> bool {
        matches!(self, Role::AdminAgent | Role::GlobalAdmin)
    }

    /// A provider's Admin agents and Global admins request and remove partnerships with
    /// indirect resellers, and may remove a partnered reseller's relationship with a customer.
    pub fn may_manage_partnerships(self, kind: OrgKind) -> bool {
        kind.is_provider() && self.may_manage_organization()
    }

    /// Any partner's Admin agents and Global admins request relationships with customers.
    pub fn may_request_customer_relationships(self, kind: OrgKind) -> bool {
        kind.is_partner() && self.may_manage_organization()
    }

    /// Partners' Admin agents and Global admins read their organization's audit log; a
    /// customer's admin reads what concerns the customer.
    pub fn may_read_audit_log(self, kind: OrgKind) -> bool {
        match kind {
            OrgKind::Customer => self == Role::CustomerGlobalAdmin,
            _ => self.may_manage_organization(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appropriate_roles_change_contacts_others_only_look() {
        let may: Vec<Role> = Role::PARTNER_ROLES
            .into_iter()
            .filter(|r| r.may_change_support_contact())
            .collect();
        assert_eq!(
            may,
            vec![Role::AdminAgent, Role::GlobalAdmin, Role::HelpdeskAgent]
        );
        assert!(!Role::CustomerGlobalAdmin.may_change_support_contact());
    }

    #[test]
    fn roles_round_trip_through_storage() {
        for r in Role::PARTNER_ROLES {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_admins_manage_relationships_and_read_the_log() {
        use OrgKind::*;
        assert!(Role::AdminAgent.may_manage_partnerships(IndirectProvider));
        assert!(!Role::AdminAgent.may_manage_partnerships(IndirectReseller));
        assert!(!Role::HelpdeskAgent.may_manage_partnerships(IndirectProvider));
        assert!(Role::GlobalAdmin.may_request_customer_relationships(IndirectReseller));
        assert!(!Role::SalesAgent.may_request_customer_relationships(IndirectReseller));
        assert!(!Role::CustomerGlobalAdmin.may_request_customer_relationships(Customer));
        assert!(Role::CustomerGlobalAdmin.may_read_audit_log(Customer));
        assert!(!Role::CustomerUser.may_read_audit_log(Customer));
        assert!(!Role::BillingAdmin.may_read_audit_log(IndirectProvider));
    }
}
