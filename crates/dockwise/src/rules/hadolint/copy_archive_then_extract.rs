//! DL3010: `COPY` of a tar archive that a later `RUN` unpacks.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2010",
    name: "copy-archive-then-extract",
    category: Category::ImageSize,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3010")],
    docs: rule_docs! {
        what: "Flags a `COPY` of a local tar archive that a later `RUN tar -x` in the same stage unpacks.",
        why: "The archive stays in the `COPY` layer even if the `RUN` deletes it, so the image carries it twice \
              (packed and unpacked). `ADD archive.tar.gz /dest/` unpacks it in one layer.",
        example: "FROM debian:12\nCOPY app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz -C /opt\n",
        fixed: "FROM debian:12\nADD app.tar.gz /opt/\n",
        differences: "The copied path is matched by its full destination or its file name in the `tar` \
                      arguments. A `COPY` into a directory (`COPY app.tar /src/app`) \
                      followed by `tar -xf /src/app/app.tar` and Windows paths are not matched yet (hadolint \
                      matches them).",
    },
    check,
    ..Rule::DEFAULTS
};

const TAR_EXTENSIONS: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst",
];

fn is_tar(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    TAR_EXTENSIONS.iter().any(|e| lower.ends_with(e))
}

/// Where the archive lands: `dest/name` for a directory destination, else `dest`.
fn landing(source: &str, dest: &str, workdir: Option<&str>) -> String {
    let name = source.rsplit('/').next().unwrap_or(source);
    let path = if dest.ends_with('/') {
        format!("{dest}{name}")
    } else if dest == "." {
        name.to_string()
    } else {
        dest.to_string()
    };
    match (path.starts_with('/'), workdir) {
        (false, Some(dir)) => format!(
            "{}/{}",
            dir.trim_end_matches('/'),
            path.trim_start_matches("./")
        ),
        _ => path,
    }
}

fn extracts(cmd: &ShellCommand) -> bool {
    cmd.is("tar")
        && cmd.args().iter().any(|w| {
            let v = w.value.as_str();
            v == "--extract"
                || v == "--get"
                || (!v.starts_with("--")
                    && v.trim_start_matches('-')
                        .starts_with(|c: char| c.is_ascii_alphabetic())
                    && v.contains('x')
                    && !v.contains('/')
                    && !v.contains('.'))
        })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // Instructions before the first `FROM` are read as one unnamed stage, as hadolint reads them.
    let first_from = ctx
        .stages
        .first()
        .map_or(ctx.instructions.len(), |s| s.from);
    let unnamed = &ctx.instructions[..first_from.min(ctx.instructions.len())];
    let groups =
        std::iter::once(unnamed).chain(ctx.stages.iter().map(|s| ctx.stage_instructions(s)));
    for infos in groups {
        for (i, info) in infos.iter().enumerate() {
            if info.kind() != Keyword::Copy || info.node.flag("from").is_some() {
                continue;
            }
            let Body::Copy(copy) = &info.node.body else {
                continue;
            };
            let Some(dest) = &copy.destination else {
                continue;
            };
            for source in copy
                .sources
                .iter()
                .filter(|s| is_tar(&s.value) && !s.value.contains('$'))
            {
                let target = landing(&source.value, &dest.value, info.workdir.as_deref());
                let name = target.rsplit('/').next().unwrap_or(&target).to_string();
                let unpacked = infos[i + 1..]
                    .iter()
                    .filter(|l| l.kind() == Keyword::Run)
                    .any(|run| {
                        run.commands().filter(|c| extracts(c)).any(|c| {
                            c.args().iter().any(|a| {
                                a.value == target
                                    || a.value.rsplit('/').next() == Some(name.as_str())
                            })
                        })
                    });
                if unpacked {
                    out.push(Diagnostic::new(
                        source.span,
                        format!(
                            "`{}` is copied and then unpacked by a later `RUN`, so the packed archive stays in the \
                             image; `ADD {} <dir>/` unpacks it in one step.",
                            source.value, source.value
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    /// Instructions before the first `FROM` form one unnamed stage (hadolint reads them so).
    #[test]
    fn reads_instructions_before_the_first_from_as_a_stage() {
        assert_eq!(
            lines(
                "DW2010",
                "COPY app.tar /src/app.tar\nRUN tar -xf /src/app.tar\nFROM x\n"
            ),
            vec![1]
        );
    }

    #[test]
    fn catches_copy_then_tar_extract() {
        let src = "FROM a:1\nCOPY x.tar.gz /opt/\nRUN tar xzf /opt/x.tar.gz\n";
        assert_eq!(lines("DW2010", src), vec![2]);
        let relative = "FROM a:1\nWORKDIR /src\nCOPY x.tgz .\nRUN tar -xf x.tgz && rm x.tgz\n";
        assert_eq!(lines("DW2010", relative), vec![3]);
    }

    #[test]
    fn does_not_catch_archives_that_are_not_unpacked() {
        assert!(lines(
            "DW2010",
            "FROM a:1\nCOPY x.tar.gz /opt/\nRUN tar -tzf /opt/x.tar.gz\n"
        )
        .is_empty());
        assert!(lines("DW2010", "FROM a:1\nCOPY x.tar.gz /opt/\n").is_empty());
    }

    #[test]
    fn does_not_catch_an_extract_in_another_stage() {
        let src = "FROM a:1\nCOPY x.tar.gz /opt/\nFROM b:1\nRUN tar xzf /opt/x.tar.gz\n";
        assert!(lines("DW2010", src).is_empty());
    }
}
