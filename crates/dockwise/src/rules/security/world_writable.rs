//! `chmod 777` and other world-writable modes.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5006",
    name: "world-writable-permissions",
    category: Category::Security,
    severity: Severity::Warning,
    docs: rule_docs! {
        what: "Flags `chmod` (and `COPY`/`ADD --chmod`, `mkdir -m`, `install -m`) giving everyone write access: `777`, `666`, `a+rwx`, \
               `o+w`. Modes with the sticky bit (`1777`, as for `/tmp`) are left alone.",
        why: "Any process in the container, whatever its user, can then replace those files: a compromised \
              low-privilege process can rewrite programs or configuration that root runs later.",
        example: "FROM debian:bookworm\nCOPY app /app\nRUN chmod -R 777 /app\n",
        fixed: "FROM debian:bookworm\nCOPY --chown=app:app app /app\nRUN chmod -R 755 /app\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// Whether a chmod mode gives others write access (and is not a sticky directory mode).
pub fn world_writable(mode: &str) -> bool {
    if !mode.is_empty() && mode.chars().all(|c| c.is_ascii_digit()) {
        if mode.len() < 3 || mode.len() > 4 || mode.contains(['8', '9']) {
            return false;
        }
        let digits: Vec<u32> = mode.chars().filter_map(|c| c.to_digit(8)).collect();
        let others = digits.last().copied().unwrap_or(0);
        let special = if digits.len() == 4 { digits[0] } else { 0 };
        return others & 2 != 0 && special & 1 == 0;
    }
    mode.split(',').any(|clause| {
        let who_end = clause
            .find(|c: char| !"ugoa".contains(c))
            .unwrap_or(clause.len());
        let (who, rest) = clause.split_at(who_end);
        let everyone = who.contains('a') || who.contains('o');
        everyone && (rest.starts_with('+') || rest.starts_with('=')) && rest[1..].contains('w')
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let message = |mode: &str| {
        format!(
            "Mode `{mode}` lets every user in the container modify these files, so any compromised process can \
             tamper with them; grant write access only to the owner (e.g. `755`/`644`) and set the owner with \
             `chown`."
        )
    };
    for info in &ctx.instructions {
        if matches!(info.kind(), Keyword::Copy | Keyword::Add) {
            if let Some(value) = info.node.flag("chmod").and_then(|f| f.value.as_ref()) {
                if world_writable(&value.value) {
                    out.push(Diagnostic::new(value.span, message(&value.value)));
                }
            }
        }
        for cmd in info.commands().filter(|c| c.is("install") || c.is("mkdir")) {
            let mode = cmd.flag_value("-m").or_else(|| cmd.flag_value("--mode"));
            let inline = cmd.args().iter().find(|w| w.value.starts_with("--mode="));
            if let Some(word) = mode {
                if world_writable(&word.value) {
                    out.push(Diagnostic::new(word.span, message(&word.value)));
                }
            } else if let Some(word) = inline {
                let value = word.value.trim_start_matches("--mode=");
                if world_writable(value) {
                    out.push(Diagnostic::new(word.span, message(value)));
                }
            }
        }
        for cmd in info.commands().filter(|c| c.is("chmod")) {
            if let Some(mode) = cmd
                .args()
                .iter()
                .find(|w| !w.value.starts_with('-') || w.value.starts_with("-w"))
            {
                if world_writable(&mode.value) {
                    out.push(Diagnostic::new(mode.span, message(&mode.value)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::world_writable;
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_world_writable_modes() {
        assert_eq!(
            lines(
                "DW5006",
                "FROM a\nRUN chmod 777 /x\nRUN chmod -R a+rwx /x\nCOPY --chmod=0666 a /a\n"
            ),
            vec![2, 3, 4]
        );
    }

    #[test]
    fn does_not_catch_owner_only_or_sticky_modes() {
        assert!(lines(
            "DW5006",
            "FROM a\nRUN chmod 755 /x && chmod 1777 /tmp && chmod +x f && chmod u+w f\n"
        )
        .is_empty());
    }

    #[test]
    fn reads_numeric_and_symbolic_modes() {
        assert!(
            world_writable("0777")
                && world_writable("o+w")
                && world_writable("ugo=rwx")
                && world_writable("u+x,o+w")
        );
        assert!(
            !world_writable("2775")
                && !world_writable("go-w")
                && !world_writable("+w")
                && !world_writable("99")
        );
    }
}
