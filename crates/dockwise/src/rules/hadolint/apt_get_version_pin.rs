//! DL3008: `apt-get install` without pinned package versions.

use super::cli::{
    apt_get_install, operands_after, resolve_operands, run_commands_with_exec,
    APT_GET_VALUE_OPTIONS,
};
use crate::rules::common::packages::unpinned_diagnostic;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2008",
    name: "apt-get-version-pin",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3008")],
    docs: rule_docs! {
        what: "Flags `apt-get install` of packages without a version (`curl` instead of `curl=7.88.1-10+deb12u5`).",
        why: "Without a version, every build installs whatever the mirror has that day: rebuilding the same \
              Dockerfile can give a different image, and a broken upstream release breaks your build.",
        example: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
        fixed: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n    && rm -rf /var/lib/apt/lists/*\n",
        differences: "Like hadolint, local `.deb` files and release selections (`curl/bookworm-backports`) count as \
                      pinned. A variable (`$PACKAGES`) is read through `ARG`/`ENV` values and assignments earlier \
                      in the same `RUN` (`deps=\"curl=7.88.1\" && apt-get install $deps` is pinned); hadolint \
                      reports every variable, and so do we when its value is unknown. Only `apt-get` is checked \
                      (as in hadolint; `apt` is reported by DW2027).",
    },
    check,
    ..Rule::DEFAULTS
};

fn is_pinned(package: &str) -> bool {
    // A command substitution (`\`cat list\``) yields unknown packages.
    let substituted = package.contains('`') || package.contains("$(");
    package.contains('=') || (!substituted && (package.ends_with(".deb") || package.contains('/')))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in &run_commands_with_exec(ctx) {
        let Some((sub, _)) = apt_get_install(cmd) else {
            continue;
        };
        let operands = resolve_operands(info, cmd, operands_after(cmd, sub, APT_GET_VALUE_OPTIONS));
        out.extend(unpinned_diagnostic(operands, is_pinned, |names| {
            format!(
                "`apt-get install` takes {names} without a version, so each build gets whatever the mirror holds \
                 that day; pin them as `package=version` (see `apt-cache policy package`).",
            )
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_an_unpinned_package() {
        assert_eq!(
            lines("DW2008", "FROM debian:12\nRUN apt-get install -y curl\n"),
            vec![2]
        );
    }

    #[test]
    fn reports_once_per_command_on_the_first_unpinned_package() {
        let src = "FROM debian:12\nRUN apt-get install -y \\\n  curl=1 \\\n  wget git\n";
        assert_eq!(lines("DW2008", src), vec![4]);
    }

    #[test]
    fn reads_variables_set_in_the_same_run_or_by_env() {
        let same_run =
            "FROM debian:12\nRUN deps=\"python3=3.11.2-1 curl=7.88\" && apt-get install -y $deps\n";
        assert!(lines("DW2008", same_run).is_empty());
        let env = "FROM debian:12\nENV PKGS=\"curl=7.88 git\"\nRUN apt-get install -y ${PKGS}\n";
        assert_eq!(lines("DW2008", env), vec![3]);
    }

    #[test]
    fn catches_a_variable_list_of_packages() {
        assert_eq!(
            lines("DW2008", "FROM debian:12\nRUN apt-get install -y $PKGS\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_packages_read_from_a_command_substitution() {
        assert_eq!(
            lines(
                "DW2008",
                "FROM debian:12\nRUN apt-get install -y `cat /pkgs`\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_packages_in_a_heredoc_run() {
        let src = "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n";
        assert_eq!(lines("DW2008", src), vec![4]);
    }

    #[test]
    fn catches_onbuild_and_exec_form_runs() {
        let src = "FROM debian:12\nONBUILD RUN apt-get install -y curl\nRUN [\"apt-get\", \"install\", \"-y\", \"git\"]\n";
        assert_eq!(lines("DW2008", src), vec![2, 3]);
    }

    #[test]
    fn does_not_catch_pinned_packages_debs_or_release_selections() {
        let src =
            "FROM debian:12\nRUN apt-get install -y curl=7.88 ./x.deb foo/bookworm-backports\n";
        assert!(lines("DW2008", src).is_empty());
    }

    #[test]
    fn does_not_take_option_values_for_packages() {
        let src = "FROM debian:12\nRUN apt-get -t bookworm-backports install -y -o Dpkg::Options::=--force-confold curl=1\n";
        assert!(lines("DW2008", src).is_empty());
    }

    #[test]
    fn does_not_catch_other_subcommands() {
        assert!(lines(
            "DW2008",
            "FROM debian:12\nRUN apt-get update && apt-get remove -y curl\n"
        )
        .is_empty());
    }
}
