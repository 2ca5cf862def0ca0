//! DL3028: `gem install` without pinned versions.

use super::cli::{invocation, operands_after, resolve_operands, run_commands_with_exec};
use crate::rules::common::packages::unpinned_diagnostic;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2028",
    name: "gem-version-pin",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3028")],
    docs: rule_docs! {
        what: "Flags `gem install` of gems without a version (`gem install bundler` instead of `gem install \
               bundler:2.5.22`).",
        why: "An unpinned gem is whatever was released last: rebuilding the same Dockerfile gives a different \
              image, and a major release can break the build.",
        example: "FROM ruby:3.3\nRUN gem install bundler\n",
        fixed: "FROM ruby:3.3\nRUN gem install bundler:2.5.22\n",
        differences: "As in hadolint, `-v`/`--version` anywhere in the command counts as pinning it. Local `.gem` \
                      files are not reported (hadolint reports them, though they cannot take a version). hadolint \
                      takes the word after any option as that option's value, so `gem install --no-document rails` \
                      passes there; here only options that take a value do, and `rails` is reported. A path to \
                      gem (`/opt/ruby/bin/gem`) is checked too.",
    },
    check,
    ..Rule::DEFAULTS
};

const VALUE_OPTIONS: &[&str] = &[
    "-v",
    "--version",
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "-s",
    "--source",
    "--platform",
    "-P",
    "--trust-policy",
    "-g",
    "--file",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in &run_commands_with_exec(ctx) {
        let Some((sub, _)) = invocation(cmd, "gem", &["install", "i"], VALUE_OPTIONS) else {
            continue;
        };
        if cmd.has_flag("-v") || cmd.has_flag("--version") {
            continue;
        }
        // Words after `--` are build options for the gem's native extension, not gems.
        let end = cmd
            .words
            .iter()
            .skip(sub + 1)
            .find(|w| w.value == "--")
            .map_or(usize::MAX, |w| w.span.start);
        let gems = operands_after(cmd, sub, VALUE_OPTIONS)
            .into_iter()
            .filter(|w| w.span.start < end)
            .collect();
        let operands = resolve_operands(info, cmd, gems);
        let is_pinned = |p: &str| p.contains(':') || p.ends_with(".gem");
        out.extend(unpinned_diagnostic(operands, is_pinned, |names| {
            format!(
                "`gem install` takes {names} without a version, so each build gets the newest release; write \
                 `gem:version` (or `-v version`)."
            )
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_unpinned_gems() {
        assert_eq!(
            lines("DW2028", "FROM ruby:3\nRUN gem install bundler\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2028", "FROM ruby:3\nRUN gem install bundler:2 rake\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_an_exec_form_run() {
        assert_eq!(
            lines(
                "DW2028",
                "FROM ruby:3\nRUN [\"gem\", \"install\", \"bundler\"]\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_take_a_switch_for_an_option_with_a_value() {
        assert_eq!(
            lines(
                "DW2028",
                "FROM ruby:3\nRUN gem install --no-document rails\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_the_short_install_alias_and_stops_at_double_dash() {
        assert_eq!(lines("DW2028", "FROM ruby:3\nRUN gem i rails\n"), vec![2]);
        assert!(lines(
            "DW2028",
            "FROM ruby:3\nRUN gem install nokogiri:1.16 -- --use-system-libraries=true\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_versions_or_local_gems() {
        assert!(lines(
            "DW2028",
            "FROM ruby:3\nRUN gem install bundler:2.5 && gem install rake -v 13\n"
        )
        .is_empty());
        assert!(lines(
            "DW2028",
            "FROM ruby:3\nRUN gem install --no-document ./pkg/app.gem\n"
        )
        .is_empty());
    }
}
