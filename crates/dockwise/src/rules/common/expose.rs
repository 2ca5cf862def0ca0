//! `EXPOSE` values: the reading shared by the rules that check exposed ports.
//!
//! The buildkit (`expose_*.rs`), security (`expose_ssh.rs`) and hadolint (`expose_invalid_port.rs`) rules each
//! walked the `EXPOSE` instructions and split the protocol off the port the same way; that lives here once.

use crate::rules::prelude::*;

/// Every word of every `EXPOSE` in the file, in source order (`80/tcp` and `443` of `EXPOSE 80/tcp 443`).
pub fn expose_words<'c>(ctx: &'c Context) -> impl Iterator<Item = &'c Word> + 'c {
    ctx.instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Expose)
        .filter_map(|i| match &i.node.body {
            Body::Words(words) => Some(words.iter()),
            _ => None,
        })
        .flatten()
}

/// The port or port range of an `EXPOSE` value, without its protocol: `80` of `80/tcp`, `8000-8010` of
/// `8000-8010/udp`, the whole value when it has none.
pub fn without_protocol(value: &str) -> &str {
    value.split('/').next().unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::common::with_context;

    #[test]
    fn splits_the_protocol_off() {
        assert_eq!(without_protocol("80/tcp"), "80");
        assert_eq!(without_protocol("8000-8010/udp"), "8000-8010");
        assert_eq!(without_protocol("443"), "443");
        assert_eq!(without_protocol(""), "");
    }

    #[test]
    fn reads_every_word_of_every_expose() {
        let src = "FROM a\nEXPOSE 80/tcp 443\nRUN x\nEXPOSE 22\n";
        let values: Vec<String> = with_context(src, |ctx| {
            expose_words(ctx).map(|w| w.value.clone()).collect()
        });
        assert_eq!(values, ["80/tcp", "443", "22"]);
    }
}
