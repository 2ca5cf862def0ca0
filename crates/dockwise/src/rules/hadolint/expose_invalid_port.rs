//! DL3011: `EXPOSE` of a port outside 0-65535.

use crate::rules::common::expose::{expose_words, without_protocol};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2011",
    name: "expose-invalid-port",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3011"), Alias(Peer::Trivy, "DS008")],
    docs: rule_docs! {
        what: "Flags an `EXPOSE` port (or port range end) above 65535.",
        why: "TCP and UDP ports are 16-bit numbers: the port cannot exist, so the value is a typo and the real \
              port is undocumented.",
        example: "FROM nginx:1.27\nEXPOSE 80800\n",
        fixed: "FROM nginx:1.27\nEXPOSE 8080\n",
        differences: "Values with variables are not checked.",
    },
    check,
    ..Rule::DEFAULTS
};

fn out_of_range(word: &str) -> bool {
    let port = without_protocol(word);
    if port.contains('$') {
        return false;
    }
    port.split('-').any(|p| {
        // Digits only; a number too long for u64 is out of range too.
        !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u64>().map_or(true, |n| n > 65535)
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for word in expose_words(ctx).filter(|w| out_of_range(&w.value)) {
        out.push(Diagnostic::new(
            word.span,
            format!(
                "Port `{}` is out of range: ports go from 0 to 65535, so this is a typo and the real port is \
                 not documented; write the port the app listens on.",
                word.value
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_ports_and_range_ends_over_65535() {
        assert_eq!(lines("DW2011", "FROM a:1\nEXPOSE 80 70000/tcp\n"), vec![2]);
        assert_eq!(lines("DW2011", "FROM a:1\nEXPOSE 8000-70000\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_valid_ports_or_variables() {
        assert!(lines(
            "DW2011",
            "FROM a:1\nEXPOSE 0 65535/udp 8000-8010 $PORT 008080\n"
        )
        .is_empty());
    }

    #[test]
    fn catches_numbers_too_long_to_parse() {
        assert_eq!(
            lines("DW2011", "FROM a:1\nEXPOSE 99999999999999999999999\n"),
            vec![2]
        );
    }
}
