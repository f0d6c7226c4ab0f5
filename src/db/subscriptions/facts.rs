//! The facts about a customer's resellers that decide a subscription's available support
//! contacts, as one JSON column: [`FactsJson`]. The subscription page selects it beside the
//! session and the subscription, so its statement has one row where a join made one for each
//! of the customer's relationships, each repeating the session and the subscription (read and
//! decoded again on every row); [`super::reseller_facts`] selects it alone. One definition of
//! the facts for both.
//!
//! The subquery is SQL written here, the same text on every run (its aggregate is the
//! backend's own): a statement that holds it keeps a fixed id and stays prepared.

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

/// The facts about every indirect reseller with a relationship with the customer `customer`
/// (an id), with respect to the provider `provider` (an id): `[[id, name, partnered,
/// delegated], ...]`. Each may be a column of the statement around it or a bound value.
/// SQLite writes the two flags as 0 and 1 and gives `[]` for none; PostgreSQL writes `true`
/// and `false` and gives NULL for none; [`read`] takes either.
#[derive(Debug, Clone, Copy, QueryId)]
pub struct FactsJson<P, C> {
    pub provider: P,
    pub customer: C,
}

impl<P, C> FactsJson<P, C> {
    /// The subquery: `head` (its aggregate, the backend's own) and the rest, the same SQL on
    /// both backends: the customer's relationships from their index, each partner by key (its
    /// kind only tested, as [`crate::db::unindexed`] does: SQLite without statistics would
    /// otherwise walk every reseller by kind), its active partnership with the provider by the
    /// unique key, so a provider's partnerships (a thousand for a large one) are not read,
    /// only those of the customer's few resellers. The kind and the status are bound, as the
    /// program stores them.
    fn walk<'b, DB>(&'b self, head: &'static str, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()>
    where
        DB: Backend + HasSqlType<Text>,
        str: ToSql<Text, DB>,
        P: QueryFragment<DB>,
        C: QueryFragment<DB>,
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
             ON facts_partnership.provider_id = ",
        );
        self.provider.walk_ast(out.reborrow())?;
        out.push_sql(
            " AND facts_partnership.reseller_id = facts_relationship.partner_id \
             AND facts_partnership.status = ",
        );
        out.push_bind_param::<Text, str>(PartnershipStatus::Active.as_str())?;
        out.push_sql(" WHERE facts_relationship.customer_id = ");
        self.customer.walk_ast(out.reborrow())?;
        out.push_sql(")");
        Ok(())
    }
}

impl<P, C> Expression for FactsJson<P, C> {
    type SqlType = Nullable<Text>;
}

impl<P, C> QueryFragment<diesel::sqlite::Sqlite> for FactsJson<P, C>
where
    P: QueryFragment<diesel::sqlite::Sqlite>,
    C: QueryFragment<diesel::sqlite::Sqlite>,
{
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, diesel::sqlite::Sqlite>) -> QueryResult<()> {
        self.walk(
            "(SELECT json_group_array(json_array(facts_reseller.id, facts_reseller.name, \
             facts_partnership.id IS NOT NULL, facts_relationship.delegated_admin))",
            out,
        )
    }
}

impl<P, C> QueryFragment<diesel::pg::Pg> for FactsJson<P, C>
where
    P: QueryFragment<diesel::pg::Pg>,
    C: QueryFragment<diesel::pg::Pg>,
{
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, diesel::pg::Pg>) -> QueryResult<()> {
        self.walk(
            "(SELECT CAST(json_agg(json_build_array(facts_reseller.id, facts_reseller.name, \
             facts_partnership.id IS NOT NULL, facts_relationship.delegated_admin)) AS text)",
            out,
        )
    }
}

impl<QS, P, C> SelectableExpression<QS> for FactsJson<P, C>
where
    P: SelectableExpression<QS>,
    C: SelectableExpression<QS>,
{
}

impl<QS, P, C> AppearsOnTable<QS> for FactsJson<P, C>
where
    P: AppearsOnTable<QS>,
    C: AppearsOnTable<QS>,
{
}

/// A subquery's aggregate: one value for each row of the statement around it.
impl<GB, P, C> ValidGrouping<GB> for FactsJson<P, C> {
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
