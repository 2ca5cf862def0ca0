//! DL3016: `npm install` of packages without versions.

use super::cli::{invocation, operands_after, resolve_operands, run_commands_with_exec};
use crate::rules::common::packages::unpinned_diagnostic;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2016",
    name: "npm-version-pin",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3016")],
    docs: rule_docs! {
        what: "Flags `npm install <package>` without a version (`npm install -g typescript`).",
        why: "Without a version npm installs the newest release at build time, so rebuilding the same \
              Dockerfile gives a different image. `npm ci` with a lockfile, or `package@version`, keeps it \
              repeatable.",
        example: "FROM node:22\nRUN npm install -g typescript\n",
        fixed: "FROM node:22\nRUN npm install -g typescript@5.6.3\n",
        differences: "A path to npm (`/usr/bin/npm install -g gulp`) is checked too; hadolint matches the bare \
                      name only. As in hadolint: only `npm install` with package arguments is checked (a bare `npm install` \
                      uses the lockfile); local paths, tarballs and URLs count as pinned, git URLs need a \
                      `#ref`. `npm install .` installs the local package and is not reported (hadolint reports \
                      it).",
    },
    check,
    ..Rule::DEFAULTS
};

const VALUE_OPTIONS: &[&str] = &[
    "--prefix",
    "--loglevel",
    "--omit",
    "--include",
    "--only",
    "--registry",
    "--cache",
    "--userconfig",
    "--tag",
    "-C",
    "--workspace",
    "-w",
];

fn is_pinned(package: &str) -> bool {
    let p = package.to_ascii_lowercase();
    let git = p.starts_with("git") || p.contains("github:") || p.contains("git+");
    if git
        || (p.contains('/')
            && !p.starts_with('@')
            && !p.starts_with('.')
            && !p.starts_with('/')
            && !p.starts_with('~')
            && !p.contains("://"))
    {
        // git URLs and `user/repo` shorthands: pinned only by a `#ref`.
        return p.contains('#');
    }
    // `name@version`, `@scope/name@version` (a second `@`).
    let at = match p.strip_prefix('@') {
        Some(scoped) => scoped.contains('@'),
        None => p.contains('@'),
    };
    at || p.starts_with('.')
        || p.starts_with('/')
        || p.starts_with('~')
        || p.starts_with("http://")
        || p.starts_with("https://")
        || p.starts_with("file:")
        || p.ends_with(".tgz")
        || p.ends_with(".tar.gz")
        || p.ends_with(".tar")
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in &run_commands_with_exec(ctx) {
        let Some((sub, _)) = invocation(cmd, "npm", &["install"], VALUE_OPTIONS) else {
            continue;
        };
        let operands = resolve_operands(info, cmd, operands_after(cmd, sub, VALUE_OPTIONS));
        out.extend(unpinned_diagnostic(operands, is_pinned, |names| {
            format!(
                "`npm install` takes {names} without a version, so each build gets the newest release; write \
                 `package@version` (or use `npm ci` with a lockfile).",
            )
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn a_folder_in_the_home_directory_is_local() {
        assert!(lines("DW2016", "FROM node:20\nRUN npm install ~/folder\n").is_empty());
    }

    #[test]
    fn catches_unpinned_packages() {
        assert_eq!(
            lines("DW2016", "FROM node:22\nRUN npm install -g pm2\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2016", "FROM node:22\nRUN npm install @angular/cli\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2016", "FROM node:22\nRUN npm install user/repo\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_versions_paths_urls_or_a_bare_install() {
        let src = "FROM node:22\nRUN npm install pm2@5 @angular/cli@18 ./lib x.tgz https://h/x.tgz git+https://h/r#v1\n";
        assert!(lines("DW2016", src).is_empty());
        assert!(lines("DW2016", "FROM node:22\nRUN npm install && npm ci\n").is_empty());
    }

    #[test]
    fn does_not_take_option_values_for_packages() {
        assert!(lines(
            "DW2016",
            "FROM node:22\nRUN npm install --prefix /opt pm2@5\n"
        )
        .is_empty());
    }
}
