//! `ADD https://...` without `--checksum`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5007",
    name: "add-remote-without-checksum",
    category: Category::Security,
    severity: Severity::Warning,
    docs: rule_docs! {
        what: "Flags `ADD` of an `http(s)://` URL without `--checksum=sha256:...`.",
        why: "Whatever the server returns goes into the image unchecked: a changed or compromised file is \
              built in silently, and the same Dockerfile builds different images over time.",
        example: "FROM debian:bookworm\nADD https://example.com/tool-1.2.tar.gz /tmp/\n",
        fixed: "FROM debian:bookworm\nADD --checksum=sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae https://example.com/tool-1.2.tar.gz /tmp/\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Add) {
        if info.node.flag("checksum").is_some() {
            continue;
        }
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        for source in &copy.sources {
            let v = source.value.to_ascii_lowercase();
            let remote = v.starts_with("http://") || v.starts_with("https://");
            let git = v.ends_with(".git") || v.contains(".git#");
            if remote && !git {
                out.push(Diagnostic::new(
                    source.span,
                    "This download is added without `--checksum`: a changed or tampered file goes into the image \
                     unnoticed; add `--checksum=sha256:<digest>`.",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_remote_add_without_checksum() {
        assert_eq!(lines("DW5007", "FROM a\nADD http://x/y.tgz /y\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_checksummed_local_or_git_sources() {
        let src = "FROM a\nADD --checksum=sha256:ab https://x/y /y\nADD y.tgz /y\nADD https://github.com/a/b.git /b\n";
        assert!(lines("DW5007", src).is_empty());
    }
}
