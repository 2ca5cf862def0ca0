//! DL3020: `ADD` for plain local files.

use super::copy_relative_without_workdir::relative_without_workdir;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2020",
    name: "add-instead-of-copy",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[
        Alias(Peer::Hadolint, "DL3020"),
        Alias(Peer::Trivy, "DS005"),
        Alias(Peer::Checkov, "CKV_DOCKER_4"),
    ],
    fix: FixKind::Safe(fix_safety!(
        "Safe: the keyword becomes `COPY` only when every source is a plain local path that is not a tar archive \
         (no URL, no variable, no archive extension) and no `ADD`-only flag is used, so the same files land in the \
         same place. Archives are recognised by their extension: a tar file named without one (`ADD rootfs.img /`) \
         would be unpacked by `ADD` and not by `COPY`. Not offered for a relative destination before any \
         `WORKDIR`: as `COPY` it would be `copy-relative-without-workdir`; set a `WORKDIR` first."
    )),
    docs: rule_docs! {
        what: "Flags `ADD` of local files or folders; `ADD` is only needed to fetch a URL or unpack a local tar \
               archive.",
        why: "`ADD` has hidden behaviours (it unpacks archives and downloads URLs), so readers cannot tell what \
              a line does. `COPY` does only what it says.",
        example: "FROM python:3.12-slim\nADD app.py /app/\n",
        fixed: "FROM python:3.12-slim\nCOPY app.py /app/\n",
        differences: "Like hadolint, sources with a tar archive extension and URLs are allowed. Git sources \
                      (`git@host:repo`, `*.git`), which BuildKit's `ADD` clones, are allowed too (hadolint \
                      reports them).",
    },
    check,
    ..Rule::DEFAULTS
};

const ARCHIVES: &[&str] = &[
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz",
    ".tbz2",
    ".tb2",
    ".tar.xz",
    ".txz",
    ".tar.lz",
    ".tlz",
    ".tar.lzma",
    ".tar.zst",
    ".tzst",
    ".tar.z",
    ".taz",
    ".gz",
    ".bz2",
    ".xz",
    ".lzma",
    ".zst",
];

fn is_url(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("ftp://")
}

fn is_git(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    lower.starts_with("git@")
        || lower.starts_with("git://")
        || lower.ends_with(".git")
        || lower.contains(".git#")
}

fn is_archive(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    ARCHIVES.iter().any(|ext| lower.ends_with(ext))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let unresolved: Vec<usize> = relative_without_workdir(ctx).map(|i| i.index).collect();
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Add) {
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        if copy.sources.is_empty()
            || copy
                .sources
                .iter()
                .any(|s| is_url(&s.value) || is_git(&s.value) || is_archive(&s.value))
        {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            info.node.keyword,
            "`ADD` here only copies local files, but readers must wonder whether it unpacks or downloads \
             something; use `COPY`, which does exactly that and nothing more.",
        );
        // A relative destination without `WORKDIR` is fine for `ADD` but `copy-relative-without-workdir` for
        // `COPY`; where the base image puts it is unknown, so no absolute path can replace it.
        let plain = !unresolved.contains(&info.index)
            && info.node.heredocs.is_empty()
            && copy.sources.iter().all(|s| !s.value.contains('$'))
            && info.node.flags.iter().all(|f| {
                matches!(
                    f.name_text.as_str(),
                    "chown" | "chmod" | "link" | "exclude" | "parents"
                )
            });
        if plain {
            let keyword = ctx.text(info.node.keyword);
            let replacement = if keyword.chars().all(|c| c.is_ascii_lowercase()) {
                "copy"
            } else {
                "COPY"
            };
            diagnostic = diagnostic.with_fix(
                Fix::safe(
                    "Use COPY",
                    vec![Edit::replace(info.node.keyword, replacement)],
                )
                .explained("Copies the same local files to the same place."),
            );
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_add_of_local_files() {
        assert_eq!(
            lines("DW2020", "FROM a:1\nADD . /app\nADD --chown=1 a b /x/\n"),
            vec![2, 3]
        );
    }

    #[test]
    fn catches_zip_files_which_add_does_not_unpack() {
        assert_eq!(lines("DW2020", "FROM a:1\nADD app.zip /app/\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_urls_archives_or_git() {
        let src = "FROM a:1\nADD https://example.com/x /x\nADD rootfs.tar.xz /\nADD git@github.com:o/r.git /src\n";
        assert!(lines("DW2020", src).is_empty());
    }

    #[test]
    fn fixes_plain_copies_keeping_the_case() {
        assert_eq!(
            fixed("DW2020", "FROM a:1\nADD . /app\n"),
            "FROM a:1\nCOPY . /app\n"
        );
        assert_eq!(
            fixed("DW2020", "from a:1\nadd . /app\n"),
            "from a:1\ncopy . /app\n"
        );
    }

    /// hadolint's DL3045 flags a relative `COPY` destination without `WORKDIR` but not an `ADD` one: the
    /// rewrite would trade one finding for another (corpus: `ADD package.json package.json` in `FROM node`).
    #[test]
    fn does_not_fix_a_relative_destination_without_workdir() {
        let src = "FROM a:1\nADD package.json package.json\nADD . .\n";
        assert_eq!(lines("DW2020", src), vec![2, 3]);
        assert_eq!(fixed("DW2020", src), src);
        assert_eq!(
            fixed("DW2020", "FROM a:1\nWORKDIR /app\nADD . .\n"),
            "FROM a:1\nWORKDIR /app\nCOPY . .\n"
        );
        assert_eq!(
            fixed(
                "DW2020",
                "FROM a:1 AS base\nWORKDIR /app\nFROM base\nADD . .\n"
            ),
            "FROM a:1 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n"
        );
    }

    #[test]
    fn does_not_fix_variable_sources() {
        let src = "FROM a:1\nADD $SRC /app\n";
        assert_eq!(lines("DW2020", src), vec![2]);
        assert_eq!(fixed("DW2020", src), src);
    }
}
