//! SQL written by hand inside a query the builder makes, whose statement stays prepared.
//!
//! diesel's `sql` literal marks every statement that holds it as not to be kept prepared, so
//! each run parses and plans it again (on PostgreSQL about 1 ms for the page after a cursor of
//! Supported subscriptions, several times what running it costs). The connection's statement
//! cache can key a statement by its text instead, which is safe when the text comes from this
//! program and every value is bound: [`Fragment`] is such a piece of SQL, text and binds.

use diesel::backend::Backend;
use diesel::expression::{is_aggregate, AppearsOnTable, Expression, SelectableExpression};
use diesel::expression::{TypedExpressionType, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{HasSqlType, Text};
use diesel::QueryResult;
use std::marker::PhantomData;

/// One piece of a [`Fragment`].
#[derive(Debug, Clone)]
enum Part {
    /// SQL text written in this program (never a value).
    Sql(&'static str),
    /// A value, bound.
    Text(String),
}

/// SQL text of type `ST` with bound text values; see the module's documentation.
#[derive(Debug, Clone)]
pub struct Fragment<ST> {
    parts: Vec<Part>,
    planned_each_run: bool,
    sql_type: PhantomData<ST>,
}

/// Starts a fragment with `text`, SQL written in this program.
pub fn fragment<ST>(text: &'static str) -> Fragment<ST> {
    Fragment {
        parts: vec![Part::Sql(text)],
        planned_each_run: false,
        sql_type: PhantomData,
    }
}

impl<ST> Fragment<ST> {
    /// Adds SQL written in this program.
    pub fn sql(mut self, text: &'static str) -> Self {
        self.parts.push(Part::Sql(text));
        self
    }

    /// Adds a bound text value.
    pub fn text(mut self, value: impl Into<String>) -> Self {
        self.parts.push(Part::Text(value.into()));
        self
    }

    /// Has the statement that holds the fragment parsed and planned on each run, not kept
    /// prepared: for a statement whose best plan depends on a value bound in it (PostgreSQL
    /// settles on a plan made without the values after a few runs of a prepared statement).
    pub fn planned_each_run(mut self) -> Self {
        self.planned_each_run = true;
        self
    }
}

impl<ST: TypedExpressionType> Expression for Fragment<ST> {
    type SqlType = ST;
}

impl<ST, DB> QueryFragment<DB> for Fragment<ST>
where
    DB: Backend + HasSqlType<Text>,
    String: ToSql<Text, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        if self.planned_each_run {
            out.unsafe_to_cache_prepared();
        }
        for part in &self.parts {
            match part {
                Part::Sql(text) => out.push_sql(text),
                Part::Text(value) => out.push_bind_param::<Text, String>(value)?,
            }
        }
        Ok(())
    }
}

/// No id known before the text is made: the statement cache keys it by its text.
impl<ST> QueryId for Fragment<ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<QS, ST: TypedExpressionType> SelectableExpression<QS> for Fragment<ST> {}

impl<QS, ST: TypedExpressionType> AppearsOnTable<QS> for Fragment<ST> {}

impl<ST, GB> ValidGrouping<GB> for Fragment<ST> {
    type IsAggregate = is_aggregate::Never;
}

#[cfg(test)]
mod tests {
    use super::fragment;
    use diesel::connection::{Instrumentation, InstrumentationEvent, SimpleConnection};
    use diesel::prelude::*;
    use diesel::sql_types::Bool;
    use std::sync::{Arc, Mutex};

    diesel::table! {
        things (id) {
            id -> Text,
            name -> Text,
        }
    }

    /// A connection with three things, and the statements it puts in its statement cache.
    fn connection() -> (SqliteConnection, Arc<Mutex<Vec<String>>>) {
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        conn.batch_execute(
            "CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT NOT NULL);
             INSERT INTO things VALUES ('1', 'alpha'), ('2', 'beta'), ('3', 'gamma');",
        )
        .unwrap();
        let cached = Arc::new(Mutex::new(Vec::new()));
        let seen = cached.clone();
        let instrumentation = move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::CacheQuery { sql, .. } = event {
                seen.lock().unwrap().push(sql.to_string());
            }
        };
        conn.set_instrumentation(Box::new(instrumentation) as Box<dyn Instrumentation>);
        (conn, cached)
    }

    fn named_after(conn: &mut SqliteConnection, name: &str, each_run: bool) -> Vec<String> {
        let mut beyond = fragment::<Bool>("things.name > ").text(name);
        if each_run {
            beyond = beyond.planned_each_run();
        }
        things::table
            .filter(beyond)
            .order(things::id)
            .select(things::id)
            .load(conn)
            .unwrap()
    }

    #[test]
    fn a_statement_with_a_fragment_binds_its_values_and_stays_prepared() {
        let (mut conn, cached) = connection();
        assert_eq!(named_after(&mut conn, "alpha", false), ["2", "3"]);
        assert_eq!(named_after(&mut conn, "beta", false), ["3"]);
        let cached = cached.lock().unwrap();
        assert_eq!(cached.len(), 1, "{cached:?}");
        assert!(cached[0].contains("things.name > ?"), "{cached:?}");
    }

    #[test]
    fn a_fragment_planned_each_run_is_not_kept_prepared() {
        let (mut conn, cached) = connection();
        assert_eq!(named_after(&mut conn, "alpha", true), ["2", "3"]);
        assert_eq!(named_after(&mut conn, "", true), ["1", "2", "3"]);
        assert!(cached.lock().unwrap().is_empty());
    }
}
