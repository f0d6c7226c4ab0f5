//! The facts about a customer's resellers ([`super::reseller_facts`]) as one column of the
//! subscription page's statement: a JSON array made by a subquery, so the statement has one
//! row where a join made one for each of the customer's relationships, each repeating the
//! session and the subscription (read and decoded again on every row).
//!
//! The subquery is SQL written here, the same text on every run (its aggregate is the
//! backend's own): the statement keeps a fixed id and stays prepared. It reads the same rows as
//! [`super::reseller_facts`], by the same keys; a test compares the two.

use diesel::backend::Backend;
use diesel::expression::ValidGrouping;
use diesel::expression::{is_aggregate, AppearsOnTable, Expression, SelectableExpression};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{HasSqlType, Nullable, Text};
use diesel::QueryResult;
use serde::Deserialize;

use crate::domain::support_contact::ResellerFacts;
use crate::domain::{OrgKind, PartnershipStatus};

/// The facts about every indirect reseller with a relationship with the customer of the
/// statement's `subscriptions` row, with respect to the provider `organizations` (the session
/// user's organization): `[[id, name, partnered, delegated], ...]`. SQLite writes the two
/// flags as 0 and 1 and gives `[]` for none; PostgreSQL writes `true` and `false` and gives
/// NULL for none.
#[derive(Debug, Clone, Copy, QueryId)]
pub struct FactsJson;

/// The subquery: `head` (its aggregate, the backend's own) and the rest, the same SQL on both
/// backends: the customer's relationships from their index, each partner by key (its kind
/// only tested, as in [`super::reseller_facts`]), its active partnership with the provider by
/// the unique key. The kind and the status are bound, as the program stores them.
fn walk_facts<'b, DB>(head: &'static str, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()>
where
    DB: Backend + HasSqlType<Text>,
    str: ToSql<Text, DB>,
{
    out.push_sql(head);
    out.push_sql(
        " FROM customer_relationships AS facts_relationship \
         INNER JOIN organizations AS facts_reseller \
         ON facts_reseller.id = facts_relationship.partner_id \
         AND facts_reseller.kind || '' = ",
    );
    out.push_bind_param::<Text, str>(OrgKind::IndirectReseller.as_str())?;
    out.push_sql(
        " LEFT OUTER JOIN partnerships AS facts_partnership \
         ON facts_partnership.provider_id = organizations.id \
         AND facts_partnership.reseller_id = facts_relationship.partner_id \
         AND facts_partnership.status = ",
    );
    out.push_bind_param::<Text, str>(PartnershipStatus::Active.as_str())?;
    out.push_sql(" WHERE facts_relationship.customer_id = subscriptions.customer_id)");
    Ok(())
}

impl Expression for FactsJson {
    type SqlType = Nullable<Text>;
}

impl QueryFragment<diesel::sqlite::Sqlite> for FactsJson {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, diesel::sqlite::Sqlite>) -> QueryResult<()> {
        walk_facts(
            "(SELECT json_group_array(json_array(facts_reseller.id, facts_reseller.name, \
             facts_partnership.id IS NOT NULL, facts_relationship.delegated_admin))",
            out,
        )
    }
}

impl QueryFragment<diesel::pg::Pg> for FactsJson {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, diesel::pg::Pg>) -> QueryResult<()> {
        walk_facts(
            "(SELECT CAST(json_agg(json_build_array(facts_reseller.id, facts_reseller.name, \
             facts_partnership.id IS NOT NULL, facts_relationship.delegated_admin)) AS text)",
            out,
        )
    }
}

impl<QS> SelectableExpression<QS> for FactsJson {}

impl<QS> AppearsOnTable<QS> for FactsJson {}

impl<GB> ValidGrouping<GB> for FactsJson {
    type IsAggregate = is_aggregate::Never;
}

/// A flag as either backend writes it in JSON: `true` / `false` or `1` / `0`. Read by a visitor
/// of its own: serde's untagged enums first copy each value aside, which cost more than the
/// rest of reading the facts.
struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Flag, D::Error> {
        struct FlagVisitor;
        impl serde::de::Visitor<'_> for FlagVisitor {
            type Value = Flag;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a boolean, or 0 or 1")
            }

            fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Flag, E> {
                Ok(Flag(value))
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Flag, E> {
                match value {
                    0 => Ok(Flag(false)),
                    1 => Ok(Flag(true)),
                    _ => Err(E::invalid_value(
                        serde::de::Unexpected::Unsigned(value),
                        &self,
                    )),
                }
            }
        }
        deserializer.deserialize_any(FlagVisitor)
    }
}

/// Reads [`FactsJson`]'s text (None: no relationship). Text the subquery cannot have written
/// is an error, never facts made up.
pub fn read(json: Option<&str>) -> QueryResult<Vec<ResellerFacts>> {
    let Some(json) = json else {
        return Ok(Vec::new());
    };
    let rows: Vec<(String, String, Flag, Flag)> = serde_json::from_str(json)
        .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?;
    Ok(rows
        .into_iter()
        .map(|(id, name, partnered, delegated)| ResellerFacts {
            organization_id: id,
            name,
            active_partnership_with_provider: partnered.0,
            delegated_admin_with_customer: delegated.0,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn both_backends_flags_and_names_with_quotes_are_read() {
        let sqlite = r#"[["a","Fabrikam \"East\"",1,0],["b","北風",0,1]]"#;
        let pg = r#"[["a", "Fabrikam \"East\"", true, false], ["b", "北風", false, true]]"#;
        for json in [sqlite, pg] {
            let facts = read(Some(json)).unwrap();
            assert_eq!(facts.len(), 2);
            assert_eq!(facts[0].name, "Fabrikam \"East\"");
            assert!(facts[0].active_partnership_with_provider);
            assert!(!facts[0].delegated_admin_with_customer);
            assert_eq!(facts[1].organization_id, "b");
            assert_eq!(facts[1].name, "北風");
            assert!(!facts[1].active_partnership_with_provider);
            assert!(facts[1].delegated_admin_with_customer);
        }
        assert!(read(None).unwrap().is_empty());
        assert!(read(Some("[]")).unwrap().is_empty());
        assert!(read(Some(r#"[["a","b"]]"#)).is_err());
        assert!(read(Some("not json")).is_err());
        assert!(read(Some(r#"[["a","b",2,0]]"#)).is_err());
        assert!(read(Some(r#"[["a","b","1",0]]"#)).is_err());
    }
}
