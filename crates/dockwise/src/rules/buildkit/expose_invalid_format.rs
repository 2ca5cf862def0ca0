//! BuildKit ExposeInvalidFormat: `EXPOSE` with an IP address or a host port.

use crate::rules::common::expose::expose_words;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4016",
    name: "expose-invalid-format",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "ExposeInvalidFormat")],
    docs: rule_docs! {
        what: "Flags an `EXPOSE` port written with an IP address or a host-port mapping (`8080:80`, \
               `127.0.0.1:80:80`).",
        why: "`EXPOSE` only documents the container's ports; publishing to the host is decided by `docker run \
              -p`. The IP or host part is ignored and will be rejected by future versions.",
        example: "FROM nginx:1.27\nEXPOSE 8080:80\n",
        fixed: "FROM nginx:1.27\nEXPOSE 80\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for word in expose_words(ctx).filter(|w| w.value.contains(':') && !w.value.contains('$')) {
        out.push(Diagnostic::new(
            word.span,
            format!(
                "`EXPOSE {}` holds an IP address or host port, which `EXPOSE` ignores: publishing is chosen \
                 with `docker run -p`; expose only the container port.",
                word.value
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_host_ports_and_addresses() {
        assert_eq!(
            lines("DW4016", "FROM a\nEXPOSE 8080:80 127.0.0.1:80:80/tcp\n"),
            vec![2, 2]
        );
    }

    #[test]
    fn does_not_catch_plain_ports_or_variables() {
        assert!(lines("DW4016", "FROM a\nEXPOSE 80 443/tcp ${PORT:-80}\n").is_empty());
    }
}
