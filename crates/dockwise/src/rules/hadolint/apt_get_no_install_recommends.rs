//! DL3015: `apt-get install` without `--no-install-recommends`.

use super::cli::{apt_get_install, insert_after, run_commands};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2015",
    name: "apt-get-no-install-recommends",
    category: Category::ImageSize,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3015"), Alias(Peer::Trivy, "DS029")],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: the packages you named are installed as before, but the recommended ones are left out, and \
         programs often rely on them (`curl`, `wget` and `git` only recommend `ca-certificates`, so HTTPS fails \
         without it; `gcc` only recommends `libc6-dev`, so C headers are missing; `git` recommends the ssh client \
         it runs for `git@` URLs). The fix names those well-known ones explicitly (`openssh-client` for `git` when \
         the file uses SSH: a `git@`/`ssh://` URL, an ssh mount, or `git` as the image's command); check that \
         nothing else the image uses was a recommendation."
    )),
    docs: rule_docs! {
        what: "Flags `apt-get install` without `--no-install-recommends`.",
        why: "By default apt also installs every \"recommended\" package: often dozens of packages and hundreds \
              of megabytes you did not ask for, each one more thing to patch.",
        example: "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u5\n",
        fixed: "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
        differences: "`-o APT::Install-Recommends=false` (or `=0`) counts as the flag, as in hadolint. `ONBUILD RUN` is not checked here (hadolint checks it).",
    },
    check,
    ..Rule::DEFAULTS
};

fn skips_recommends(cmd: &ShellCommand) -> bool {
    cmd.has_flag("--no-install-recommends")
        || cmd.args().iter().any(|w| {
            let v = w.value.to_ascii_lowercase();
            v.contains("apt::install-recommends=false") || v.contains("apt::install-recommends=0")
        })
}

/// Packages that only *recommend* something they need in practice: leaving out recommends must name it.
const NEEDS_RECOMMENDED: &[(&str, &str)] = &[
    ("curl", "ca-certificates"),
    ("wget", "ca-certificates"),
    ("git", "ca-certificates"),
    ("gcc", "libc6-dev"),
];

/// Whether the image uses git over SSH: a `git@host:` or `ssh://` URL, an ssh mount, or `git` as its command
/// (a git tool image, which users give SSH URLs). Debian's git only recommends the ssh client.
fn uses_git_over_ssh(ctx: &Context) -> bool {
    let is_git = |word: &str| word.rsplit('/').next() == Some("git");
    ctx.instructions.iter().any(|info| {
        let commands = matches!(
            info.kind(),
            Keyword::Run | Keyword::Entrypoint | Keyword::Cmd
        );
        let text = ctx.text(info.node.span);
        let ssh = ["git@", "ssh://", "type=ssh"]
            .iter()
            .any(|m| text.contains(m));
        let git_command = matches!(info.kind(), Keyword::Entrypoint | Keyword::Cmd)
            && match &info.node.body {
                Body::Command(Command::Exec(exec)) => {
                    exec.elements.first().is_some_and(|e| is_git(&e.value))
                }
                Body::Command(Command::Shell(text)) => {
                    text.text.split_whitespace().next().is_some_and(is_git)
                }
                _ => false,
            };
        commands && ssh || git_command
    })
}

/// The recommended packages the named ones need (see [`NEEDS_RECOMMENDED`]) that the command does not name.
fn missing_recommends(ctx: &Context, cmd: &ShellCommand) -> Vec<&'static str> {
    let named: Vec<&str> = cmd
        .operands()
        .map(|w| w.value.split(['=', ':']).next().unwrap_or(&w.value))
        .collect();
    let mut missing: Vec<&'static str> = Vec::new();
    for (package, needed) in NEEDS_RECOMMENDED {
        let provided = named.contains(needed)
            || (*needed == "libc6-dev" && named.contains(&"build-essential"));
        if named.contains(package) && !provided && !missing.contains(needed) {
            missing.push(needed);
        }
    }
    let ssh_client = ["openssh-client", "ssh-client", "ssh"];
    if named.contains(&"git")
        && !ssh_client.iter().any(|p| named.contains(p))
        && uses_git_over_ssh(ctx)
    {
        missing.push("openssh-client");
    }
    missing
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        let Some((_, sub)) = apt_get_install(cmd) else {
            continue;
        };
        if skips_recommends(cmd) {
            continue;
        }
        out.push(
            Diagnostic::new(
                cmd.words.first().map_or(cmd.span, |w| w.span.cover(sub.span)),
                "`apt-get install` also pulls in every recommended package, which can add hundreds of MB you \
                 never asked for; add `--no-install-recommends`.",
            )
            .with_fix(no_recommends_fix(ctx, cmd, sub)),
        );
    }
}

fn no_recommends_fix(ctx: &Context, cmd: &ShellCommand, sub: &Word) -> Fix {
    let missing = missing_recommends(ctx, cmd);
    let mut edits = vec![insert_after(sub, "--no-install-recommends")];
    let last = cmd.words.last().unwrap_or(sub);
    if !missing.is_empty() {
        edits.push(Edit::insert(
            last.span.end,
            format!(" {}", missing.join(" ")),
        ));
    }
    let kept = if missing.is_empty() {
        String::new()
    } else {
        format!(
            " It names {} explicitly, which the packages only recommend but need.",
            missing.join(" and ")
        )
    };
    Fix::unsafe_("Add --no-install-recommends", edits).explained(format!(
        "Installs the named packages and their dependencies, without the recommended ones.{kept} Anything else \
         the image relied on from the recommends must be named too."
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_install_without_the_flag() {
        assert_eq!(
            lines("DW2015", "FROM debian:12\nRUN apt-get install -y curl\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_the_flag_or_the_apt_option() {
        assert!(lines(
            "DW2015",
            "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n"
        )
        .is_empty());
        let opt = "FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n";
        assert!(lines("DW2015", opt).is_empty());
    }

    #[test]
    fn does_not_catch_other_apt_get_commands() {
        assert!(lines(
            "DW2015",
            "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n"
        )
        .is_empty());
    }

    #[test]
    fn fixes_by_adding_the_flag_after_install() {
        assert_eq!(
            fixed("DW2015", "FROM debian:12\nRUN apt-get -y install curl\n"),
            "FROM debian:12\nRUN apt-get -y install --no-install-recommends curl ca-certificates\n"
        );
    }

    #[test]
    fn the_fix_is_unsafe_because_recommends_can_be_needed() {
        let src = "FROM debian:12\nRUN apt-get install -y jq\n";
        assert_eq!(
            crate::fix::fix(src, &crate::config::Config::only("DW2015"), false).text,
            src
        );
        assert_eq!(
            fixed("DW2015", src),
            "FROM debian:12\nRUN apt-get install --no-install-recommends -y jq\n"
        );
    }

    #[test]
    fn names_the_recommended_packages_that_tls_and_compilers_need() {
        assert_eq!(
            fixed("DW2015", "FROM debian:12\nRUN apt-get install -y wget gcc && wget https://x\n"),
            "FROM debian:12\nRUN apt-get install --no-install-recommends -y wget gcc ca-certificates libc6-dev && wget https://x\n"
        );
        let named = "FROM debian:12\nRUN apt-get install -y curl=7.88 ca-certificates build-essential gcc\n";
        assert_eq!(
            fixed("DW2015", named),
            "FROM debian:12\nRUN apt-get install --no-install-recommends -y curl=7.88 ca-certificates build-essential gcc\n"
        );
    }

    /// `git clone git@host:...` failed with "cannot run ssh" once recommends were left out.
    #[test]
    fn git_over_ssh_keeps_the_ssh_client() {
        assert_eq!(
            fixed(
                "DW2015",
                "FROM debian:12\nRUN apt-get install -y git\nENTRYPOINT [\"git\"]\n"
            ),
            "FROM debian:12\nRUN apt-get install --no-install-recommends -y git ca-certificates openssh-client\nENTRYPOINT [\"git\"]\n"
        );
        assert_eq!(
            fixed(
                "DW2015",
                "FROM debian:12\nRUN apt-get install -y git && git clone git@github.com:o/r.git\n"
            ),
            "FROM debian:12\nRUN apt-get install --no-install-recommends -y git ca-certificates openssh-client && git clone git@github.com:o/r.git\n"
        );
        // A maintainer's address in a label is no SSH URL; `/usr/bin/git` as the command is git.
        assert!(!fixed(
            "DW2015",
            "FROM debian:12\nLABEL maintainer=\"git@example.com\"\nRUN apt-get install -y git\n"
        )
        .contains("openssh-client"));
        assert!(fixed(
            "DW2015",
            "FROM debian:12\nRUN apt-get install -y git\nENTRYPOINT [\"/usr/bin/git\"]\n"
        )
        .contains("openssh-client"));
        // HTTPS only: no ssh client.
        assert_eq!(
            fixed("DW2015", "FROM debian:12\nRUN apt-get install -y git\n"),
            "FROM debian:12\nRUN apt-get install --no-install-recommends -y git ca-certificates\n"
        );
    }
}
