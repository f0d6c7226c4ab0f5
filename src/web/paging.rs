//! The "previous"/"next" links of list pages read by keyset (see [`PageAt`]): a page's query
//! reads one row more than it shows, in display order, and this module cuts that row and says
//! which links the page gets. It knows nothing of what the rows are or how a link is written.

use std::fmt::Display;

use super::QUERY_VALUE;
use crate::domain::PageAt;

/// The links to the pages before and after the one shown; `None` where there is none.
#[derive(Debug, Default)]
pub struct Pager {
    pub previous_href: Option<String>,
    pub next_href: Option<String>,
}

/// Cuts `rows` (up to `size + 1` of them, in display order, read from `at`) to one page and
/// makes its links: `link("before", first row)` and `link("after", last row)`, each only when
/// there are rows that way.
pub fn cut_page<T, C>(
    rows: &mut Vec<T>,
    at: &PageAt<C>,
    size: i64,
    link: impl Fn(&str, &T) -> String,
) -> Pager {
    let more = rows.len() as i64 > size;
    let (has_previous, has_next) = match at {
        PageAt::First => (false, more),
        PageAt::After(_) => (true, more),
        PageAt::Before(_) => (more, true),
    };
    if more {
        // A page read backwards from its cursor holds the extra row at its start.
        if matches!(at, PageAt::Before(_)) {
            rows.remove(0);
        } else {
            rows.truncate(size as usize);
        }
    }
    Pager {
        previous_href: rows
            .first()
            .filter(|_| has_previous)
            .map(|row| link("before", row)),
        next_href: rows
            .last()
            .filter(|_| has_next)
            .map(|row| link("after", row)),
    }
}

/// `key=cursor`, the cursor escaped for a query string.
pub fn cursor_param(key: &str, cursor: &impl Display) -> String {
    let cursor = cursor.to_string();
    format!(
        "{key}={}",
        percent_encoding::utf8_percent_encode(&cursor, QUERY_VALUE)
    )
}
