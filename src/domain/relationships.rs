//! Who may remove a relationship between a partner and a customer.

/// Who removes a customer relationship, which decides whose relationships they may touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remover {
    /// The customer's admin: any partner's relationship with the customer (the actor's
    /// organization).
    Customer,
    /// A provider's admin: the relationship of a reseller in an active partnership with the
    /// provider, with a customer the provider sells to.
    Provider,
    /// A partner's admin: the partner's own relationship with a customer.
    Partner,
}

/// What the rule needs to know when a provider removes a reseller's relationship.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProviderFacts {
    /// The provider sells at least one subscription to the customer.
    pub sells_to_customer: bool,
    /// The reseller has an active partnership with the provider.
    pub reseller_partnered: bool,
}

/// Whether the actor's organization may remove `partner_id`'s relationship with `customer_id`.
pub fn may_remove(
    remover: Remover,
    actor_organization: &str,
    partner_id: &str,
    customer_id: &str,
    facts: ProviderFacts,
) -> bool {
    match remover {
        Remover::Customer => actor_organization == customer_id,
        Remover::Partner => actor_organization == partner_id,
        Remover::Provider => facts.sells_to_customer && facts.reseller_partnered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_remover_touches_only_its_own_relationships() {
        let none = ProviderFacts::default();
        assert!(may_remove(Remover::Customer, "c", "p", "c", none));
        assert!(!may_remove(Remover::Customer, "x", "p", "c", none));
        assert!(may_remove(Remover::Partner, "p", "p", "c", none));
        assert!(!may_remove(Remover::Partner, "q", "p", "c", none));
        let both = ProviderFacts {
            sells_to_customer: true,
            reseller_partnered: true,
        };
        assert!(may_remove(Remover::Provider, "prov", "p", "c", both));
        for half in [
            ProviderFacts {
                sells_to_customer: true,
                reseller_partnered: false,
            },
            ProviderFacts {
                sells_to_customer: false,
                reseller_partnered: true,
            },
        ] {
            assert!(!may_remove(Remover::Provider, "prov", "p", "c", half));
        }
    }
}
