//! Roles of partner users and customer users, and what each may do.

use super::OrgKind;

stored_enum! {
    /// A user's role. Partner roles follow Partner Center; customer roles follow the customer's
    /// admin center (Global admin, Billing admin, Helpdesk admin, and plain users).
    pub enum Role in "users.role" {
        AdminAgent = "admin_agent",
        GlobalAdmin = "global_admin",
        HelpdeskAgent = "helpdesk_agent",
        SalesAgent = "sales_agent",
        BillingAdmin = "billing_admin",
        CustomerGlobalAdmin = "customer_global_admin",
        CustomerBillingAdmin = "customer_billing_admin",
        CustomerHelpdeskAdmin = "customer_helpdesk_admin",
        CustomerUser = "customer_user",
    }
}

impl Role {
    pub const PARTNER_ROLES: [Role; 5] = [
        Role::AdminAgent,
        Role::GlobalAdmin,
        Role::HelpdeskAgent,
        Role::SalesAgent,
        Role::BillingAdmin,
    ];

    pub const CUSTOMER_ROLES: [Role; 4] = [
        Role::CustomerGlobalAdmin,
        Role::CustomerBillingAdmin,
        Role::CustomerHelpdeskAdmin,
        Role::CustomerUser,
    ];

    /// The roles a user of this kind of organization may have.
    pub fn for_kind(kind: OrgKind) -> &'static [Role] {
        if kind.is_partner() {
            &Self::PARTNER_ROLES
        } else {
            &Self::CUSTOMER_ROLES
        }
    }

    /// The Global admin role of this kind of organization: the one that manages its users.
    pub fn global_admin_of(kind: OrgKind) -> Role {
        if kind.is_partner() {
            Role::GlobalAdmin
        } else {
            Role::CustomerGlobalAdmin
        }
    }

    /// True for the Global admin of either kind of organization.
    pub fn is_global_admin(self) -> bool {
        matches!(self, Role::GlobalAdmin | Role::CustomerGlobalAdmin)
    }

    /// A customer's admin roles open the Admin area and see its Support section; plain users
    /// are sent to their admin.
    pub fn is_customer_admin(self) -> bool {
        matches!(
            self,
            Role::CustomerGlobalAdmin | Role::CustomerBillingAdmin | Role::CustomerHelpdeskAdmin
        )
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
            Role::CustomerBillingAdmin => "role-customer-billing-admin",
            Role::CustomerHelpdeskAdmin => "role-customer-helpdesk-admin",
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

    /// Global admins manage their organization's users (Partner Center's User management).
    pub fn may_manage_users(self, kind: OrgKind) -> bool {
        self == Role::global_admin_of(kind)
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
