//! A response read whole, and the queries tests make of it: inputs, links, selects, table
//! rows (parsed with scraper) and the text a person reads.

use std::collections::HashMap;

/// A response, read whole.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    pub fn location(&self) -> &str {
        self.header("location").unwrap_or("")
    }

    /// The value of the first input `name`.
    pub fn input_value(&self, name: &str) -> Option<String> {
        let at = self.body.find(&format!("name=\"{name}\""))?;
        let tag_start = self.body[..at].rfind('<')?;
        let tag_end = at + self.body[at..].find('>')?;
        let tag = &self.body[tag_start..tag_end];
        let start = tag.find(" value=\"")? + 8;
        let end = tag[start..].find('"')? + start;
        Some(html_unescape(&tag[start..end]))
    }

    /// The page's CSRF token; a page without one fails the test with what the page was, so a
    /// failure says which page came instead (an error, a redirect, another form).
    pub fn csrf(&self) -> String {
        self.input_value("csrf_token").unwrap_or_else(|| {
            panic!(
                "the page has no CSRF token: status {}, location {:?}, main: {}",
                self.status,
                self.location(),
                self.main_text()
            )
        })
    }

    /// The href of the first link whose text is exactly `text`.
    pub fn link(&self, text: &str) -> Option<String> {
        let needle = format!(">{text}</a>");
        let end = self.body.find(&needle)?;
        let tag_start = self.body[..end].rfind("<a ")?;
        let tag = &self.body[tag_start..end];
        let start = tag.find("href=\"")? + 6;
        let stop = tag[start..].find('"')? + start;
        Some(html_unescape(&tag[start..stop]))
    }

    /// The (value, text) of every option of the select `name`.
    pub fn options(&self, name: &str) -> Vec<(String, String, bool)> {
        let Some(start) = self.body.find(&format!("name=\"{name}\"")) else {
            return Vec::new();
        };
        let end = self.body[start..]
            .find("</select>")
            .map(|e| start + e)
            .unwrap_or(start);
        self.body[start..end]
            .split("<option ")
            .skip(1)
            .filter_map(|chunk| {
                let v_start = chunk.find("value=\"")? + 7;
                let v_end = chunk[v_start..].find('"')? + v_start;
                let t_start = chunk.find('>')? + 1;
                let t_end = chunk.find("</option>")?;
                Some((
                    chunk[v_start..v_end].to_string(),
                    html_unescape(chunk[t_start..t_end].trim()),
                    chunk[..t_start].contains("selected"),
                ))
            })
            .collect()
    }

    /// The text of every option of the select `name`.
    pub fn option_texts(&self, name: &str) -> Vec<String> {
        self.options(name).into_iter().map(|o| o.1).collect()
    }

    /// The text of the selected options of the select `name`.
    pub fn selected(&self, name: &str) -> Vec<String> {
        self.options(name)
            .into_iter()
            .filter(|o| o.2)
            .map(|o| o.1)
            .collect()
    }

    /// The value of the option whose text is `text`.
    pub fn option_value(&self, name: &str, text: &str) -> String {
        self.options(name)
            .into_iter()
            .find(|o| o.1 == text)
            .map(|o| o.0)
            .unwrap_or_else(|| panic!("no option {text} in {name}"))
    }

    /// The text of the `<main>` element without tags, for "the page says" assertions.
    pub fn main_text(&self) -> String {
        let start = self.body.find("<main").unwrap_or(0);
        let end = self.body.find("</main>").unwrap_or(self.body.len());
        let mut out = String::new();
        let mut in_tag = false;
        for c in self.body[start..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        html_unescape(&out.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// The text of each cell (header or data) of every table row, in page order, whitespace
    /// folded: what a person reads in the tables, whatever the markup around it.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let html = scraper::Html::parse_document(&self.body);
        let rows = scraper::Selector::parse("main tr").unwrap();
        let cells = scraper::Selector::parse("th, td").unwrap();
        html.select(&rows)
            .map(|row| {
                row.select(&cells)
                    .map(|cell| {
                        cell.text()
                            .collect::<String>()
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .collect()
    }

    /// The cells of the first table row whose first cell reads `first`.
    pub fn row(&self, first: &str) -> Option<Vec<String>> {
        self.rows()
            .into_iter()
            .find(|cells| cells.first().is_some_and(|c| c == first))
    }

    pub fn html_lang(&self) -> Option<&str> {
        let start = self.body.find("<html lang=\"")? + 12;
        let end = self.body[start..].find('"')? + start;
        Some(&self.body[start..end])
    }

    pub fn title(&self) -> &str {
        let start = self.body.find("<title>").map(|i| i + 7).unwrap_or(0);
        let end = self.body.find("</title>").unwrap_or(start);
        &self.body[start..end]
    }
}

pub fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e < 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
