//! Decoding a word as written into its value: quotes removed, escapes processed, variables left as written.
//!
//! A `$` that the shell would not expand (escaped, or inside single quotes) decodes to `\$`, so a `$` in a decoded
//! value always means a variable reference.

/// The decoded value, and whether a quote was left open.
pub(crate) fn decode(raw: &str, escape: char) -> (String, bool) {
    // Most words hold no quote and no escape: nothing to decode.
    if !raw.contains(['"', '\'', escape]) {
        return (raw.to_string(), false);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == escape => match chars.next() {
                Some('$') => out.push_str("\\$"),
                Some(next) => out.push(next),
                None => {}
            },
            Some('\'') if c == '\'' => quote = None,
            Some('\'') if c == '$' => out.push_str("\\$"),
            Some('"') if c == '"' => quote = None,
            Some('"') if c == escape => match chars.peek().copied() {
                Some('$') => {
                    chars.next();
                    out.push_str("\\$");
                }
                Some(next) if next == '"' || next == escape => {
                    chars.next();
                    out.push(next);
                }
                Some(_) => out.push(c),
                None => {}
            },
            _ => out.push(c),
        }
    }
    (out, quote.is_some())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(
            decode(r#""a b"'c d'e\ f"#, '\\'),
            ("a bc de f".into(), false)
        );
        assert_eq!(decode(r#""x\"y\n""#, '\\'), ("x\"y\\n".into(), false));
        assert_eq!(
            decode("$HOME/${X:-y}", '\\'),
            ("$HOME/${X:-y}".into(), false)
        );
        assert_eq!(decode(r"\$HOME '$X'", '\\'), (r"\$HOME \$X".into(), false));
        assert_eq!(decode("\"open", '\\'), ("open".into(), true));
        assert_eq!(decode("a` b", '`'), ("a b".into(), false));
    }
}
