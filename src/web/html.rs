//! The HTML escaper of every page's template (`templates/askama.toml` names it for `.html`).
//!
//! It writes the same text as askama's own `Html` escaper, byte for byte (a test compares
//! them): `"`, `&`, `'`, `<` and `>` as `&#34;`, `&#38;`, `&#39;`, `&#60;` and `&#62;`, all
//! else as it is. It only finds them faster. askama's looks at one byte at a time; this one
//! first asks of 16 bytes at once whether any of them needs escaping, which the compiler does
//! with a few vector instructions, and looks closer only where one does. Most of a page's text
//! (its messages, names and addresses) has none, and escaping was the largest part of writing
//! a page.

use std::fmt::{self, Write};

/// How many bytes are asked about at once.
const BLOCK: usize = 16;

/// The HTML escaper (see the module).
#[derive(Clone, Copy, Debug, Default)]
pub struct Html;

/// The entity that stands for `byte`, when it must be escaped.
fn entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'"' => Some("&#34;"),
        b'&' => Some("&#38;"),
        b'\'' => Some("&#39;"),
        b'<' => Some("&#60;"),
        b'>' => Some("&#62;"),
        _ => None,
    }
}

/// Whether any byte of `block` must be escaped. Written without early exits, so that the
/// compiler compares all 16 at once.
fn any_to_escape(block: &[u8; BLOCK]) -> bool {
    block.iter().fold(false, |seen, &b| {
        seen | (b == b'"') | (b == b'&') | (b == b'\'') | (b == b'<') | (b == b'>')
    })
}

/// Writes `text[from..to]` escaped, looking at each byte; returns where the text not yet
/// written starts (`last`, or just after the last escaped byte).
fn escape_bytes(
    dest: &mut impl Write,
    text: &str,
    mut last: usize,
    from: usize,
    to: usize,
) -> Result<usize, fmt::Error> {
    for (at, &byte) in text.as_bytes()[from..to].iter().enumerate() {
        if let Some(entity) = entity(byte) {
            let at = from + at;
            // `at` holds an ASCII byte, so both ends are character boundaries.
            if last < at {
                dest.write_str(&text[last..at])?;
            }
            dest.write_str(entity)?;
            last = at + 1;
        }
    }
    Ok(last)
}

impl askama::filters::Escaper for Html {
    fn write_escaped_str<W: Write>(&self, mut dest: W, text: &str) -> fmt::Result {
        let bytes = text.as_bytes();
        let (blocks, rest) = bytes.as_chunks::<BLOCK>();
        let mut last = 0;
        for (at, block) in blocks.iter().enumerate() {
            if any_to_escape(block) {
                let from = at * BLOCK;
                last = escape_bytes(&mut dest, text, last, from, from + BLOCK)?;
            }
        }
        // The last bytes (all of a short text), asked about at once too, after zeros.
        let mut padded = [0; BLOCK];
        padded[..rest.len()].copy_from_slice(rest);
        if any_to_escape(&padded) {
            last = escape_bytes(&mut dest, text, last, bytes.len() - rest.len(), bytes.len())?;
        }
        if last < bytes.len() {
            dest.write_str(&text[last..])?;
        }
        Ok(())
    }

    fn write_escaped_char<W: Write>(&self, mut dest: W, c: char) -> fmt::Result {
        match u8::try_from(c).ok().and_then(entity) {
            Some(entity) => dest.write_str(entity),
            None => dest.write_char(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use askama::filters::Escaper;
    use rand::Rng;

    fn ours(text: &str) -> String {
        let mut out = String::new();
        Html.write_escaped_str(&mut out, text).unwrap();
        out
    }

    fn askamas(text: &str) -> String {
        let mut out = String::new();
        askama::filters::Html
            .write_escaped_str(&mut out, text)
            .unwrap();
        out
    }

    #[test]
    fn the_text_is_askamas_to_the_byte() {
        // Plain runs, every character to escape, several bytes to a character, at every
        // place relative to the 16-byte blocks.
        let pieces = [
            "a", "Z", " ", "0", "\"", "&", "'", "<", ">", "é", "サ", "客", "😀", "\n", "=", "#",
            ";", "/", "\u{0}",
        ];
        let mut rng = rand::rng();
        for _ in 0..20_000 {
            let len = rng.random_range(0..70);
            let text: String = (0..len)
                .map(|_| pieces[rng.random_range(0..pieces.len())])
                .collect();
            assert_eq!(ours(&text), askamas(&text), "{text:?}");
        }
        for text in [
            "",
            "<",
            "0123456789abcdef",
            "0123456789abcde<",
            "<123456789abcdef",
            "0123456789abcdef>",
            "0123456789abcdefg&",
            "Contoso & Fabrikam's <support> \"desk\"",
        ] {
            assert_eq!(ours(text), askamas(text), "{text:?}");
        }
        assert_eq!(ours("a<b&'c\"d>"), "a&#60;b&#38;&#39;c&#34;d&#62;");
    }

    #[test]
    fn a_character_is_escaped_as_askama_does() {
        for c in ['a', '"', '&', '\'', '<', '>', 'é', 'サ', '😀', '\u{3c}'] {
            let (mut a, mut b) = (String::new(), String::new());
            Html.write_escaped_char(&mut a, c).unwrap();
            askama::filters::Html.write_escaped_char(&mut b, c).unwrap();
            assert_eq!(a, b, "{c:?}");
        }
    }
}
