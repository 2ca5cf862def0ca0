//! DL3046: `useradd` with a high UID and without `-l`.

use super::cli::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2046",
    name: "useradd-no-log-init",
    category: Category::ImageSize,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3046")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: `-l` only skips the lastlog and faillog entries; the user is the same."
    )),
    docs: rule_docs! {
        what: "Flags `useradd -u <uid>` without `-l` (`--no-log-init`) when the UID is above 99999 or not known \
               at lint time.",
        why: "useradd records the user in `/var/log/lastlog` and `/var/log/faillog`, sparse files indexed by \
              UID. Docker layers do not keep files sparse, so a UID in the millions writes gigabytes of zeros \
              into the image.",
        example: "FROM debian:12\nRUN useradd -u 1000000 app\n",
        fixed: "FROM debian:12\nRUN useradd -l -u 1000000 app\n",
        differences: "`--uid N`, `--uid=N` and `-uN` are read too; hadolint only reads `-u N`. A UID from a \
                      variable is flagged even with a small `ARG` default, as in hadolint: `--build-arg` can set \
                      it to a host UID from a directory service, which is often in the millions.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !cmd.is("useradd") || cmd.has_flag("-l") || cmd.has_flag("--no-log-init") {
            continue;
        }
        let Some(uid) = uid_of(cmd) else { continue };
        // A variable can be set to anything with `--build-arg`, host UIDs from a directory service included.
        let high = uid.value.contains('$') || uid.value.parse::<u64>().is_ok_and(|n| n > 99_999);
        if !high {
            continue;
        }
        let Some(program) = cmd.words.first() else {
            continue;
        };
        out.push(
            Diagnostic::new(
                cmd.span,
                format!(
                    "`useradd` with UID `{}` and without `-l` writes huge lastlog/faillog files into the layer; \
                     add `-l`.",
                    uid.value
                ),
            )
            .with_fix(
                Fix::safe("Add -l", vec![Edit::insert(program.span.end, " -l")])
                    .explained("useradd no longer fills /var/log/lastlog and faillog up to the UID."),
            ),
        );
    }
}

/// The UID word of `-u N`, `--uid N`, `--uid=N` or `-uN` (value only, span of the word holding it).
fn uid_of(cmd: &ShellCommand) -> Option<Word> {
    let args = cmd.args();
    for (i, arg) in args.iter().enumerate() {
        let a = arg.value.as_str();
        if a == "--" {
            return None;
        }
        if a == "-u" || a == "--uid" {
            return args.get(i + 1).cloned();
        }
        let inline = a
            .strip_prefix("--uid=")
            .or_else(|| a.strip_prefix("-u").filter(|r| !r.is_empty()));
        if let Some(value) = inline {
            return Some(Word {
                span: arg.span,
                value: value.to_string(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_high_or_unknown_uids() {
        assert_eq!(
            lines("DW2046", "FROM debian:12\nRUN useradd -u 100000 app\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2046", "FROM debian:12\nRUN useradd --uid=1000000 app\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2046",
                "FROM debian:12\nARG UID=1000\nRUN useradd -u $UID app\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_small_uids_or_l() {
        assert!(lines("DW2046", "FROM debian:12\nRUN useradd -u 1000 app\n").is_empty());
        assert!(lines("DW2046", "FROM debian:12\nRUN useradd -l -u 100000 app\n").is_empty());
        assert!(lines(
            "DW2046",
            "FROM debian:12\nRUN useradd --no-log-init -u 100000 app\n"
        )
        .is_empty());
        assert!(lines("DW2046", "FROM debian:12\nRUN useradd app\n").is_empty());
    }

    #[test]
    fn fix_adds_l() {
        assert_eq!(
            fixed("DW2046", "FROM debian:12\nRUN useradd -u 100000 app\n"),
            "FROM debian:12\nRUN useradd -l -u 100000 app\n"
        );
    }
}
