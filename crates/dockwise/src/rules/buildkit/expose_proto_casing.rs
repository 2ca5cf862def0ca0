//! BuildKit ExposeProtoCasing: `EXPOSE 53/UDP`.

use crate::rules::common::expose::expose_words;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4015",
    name: "expose-proto-casing",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "ExposeProtoCasing")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: Docker reads the protocol without regard to case."
    )),
    docs: rule_docs! {
        what: "Flags an `EXPOSE` protocol written with upper-case letters (`80/TCP`).",
        why: "Protocols are lower-case (`tcp`, `udp`, `sctp`); other spellings read inconsistently and some \
              tools compare them literally.",
        example: "FROM nginx:1.27\nEXPOSE 80/TCP\n",
        fixed: "FROM nginx:1.27\nEXPOSE 80/tcp\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for word in expose_words(ctx) {
        let raw = ctx.text(word.span);
        let Some(slash) = raw.rfind('/') else {
            continue;
        };
        let proto = &raw[slash + 1..];
        let lower = proto.to_ascii_lowercase();
        if proto != lower {
            let span = Span::new(word.span.start + slash + 1, word.span.end);
            out.push(
                Diagnostic::new(
                    span,
                    format!("Protocol `{proto}` should be lower-case: write `{lower}`."),
                )
                .with_fix(
                    Fix::safe(
                        format!("Write {lower}"),
                        vec![Edit::replace(span, lower.clone())],
                    )
                    .explained("Same port and protocol."),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_upper_case_protocols() {
        assert_eq!(
            lines("DW4015", "FROM a\nEXPOSE 80/TCP 53/Udp\n"),
            vec![2, 2]
        );
    }

    #[test]
    fn does_not_catch_lower_case_or_bare_ports() {
        assert!(lines("DW4015", "FROM a\nEXPOSE 80 443/tcp\n").is_empty());
    }

    #[test]
    fn fix_lowercases() {
        assert_eq!(
            fixed("DW4015", "FROM a\nEXPOSE 80/TCP\n"),
            "FROM a\nEXPOSE 80/tcp\n"
        );
    }
}
