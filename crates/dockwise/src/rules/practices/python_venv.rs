//! Multi-stage Python builds that copy `site-packages` (or a `--user`/`--prefix`/`--target` install) by hand.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1014",
    name: "python-venv",
    category: Category::Correctness,
    severity: Severity::Info,
    docs: rule_docs! {
        what: "Flags a `COPY --from=<stage>` that carries Python packages between stages by hand: a \
               `site-packages`/`dist-packages` directory, `/root/.local` (from `pip install --user`), or the \
               directory a `pip install --prefix`/`--target` in that stage installed into.",
        why: "Copied by hand, packages lose what pip installed next to them: console scripts in `bin/`, data \
              files, and the exact Python version path (`python3.11` vs `python3.12` breaks silently when a base \
              image moves). A virtual environment built in the builder (`python -m venv /opt/venv`) and copied \
              whole, with `ENV PATH=\"/opt/venv/bin:$PATH\"`, keeps everything together and needs no \
              `PYTHONPATH`.",
        example: "FROM python:3.12-slim AS build\nCOPY requirements.txt .\n\
                  RUN pip install --no-cache-dir -r requirements.txt\n\
                  FROM python:3.12-slim\n\
                  COPY --from=build /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages\n\
                  COPY app.py .\nCMD [\"python\", \"app.py\"]\n",
        fixed: "FROM python:3.12-slim AS build\nRUN python -m venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\n\
                COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n\
                FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\n\
                COPY app.py .\nCMD [\"python\", \"app.py\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn is_venv_path(path: &str) -> bool {
    path.split('/')
        .any(|part| part.contains("venv") || part == "virtualenv" || part == "virtualenvs")
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Copy)
    {
        let Some(from) = info.node.flag("from").and_then(|f| f.value.as_ref()) else {
            continue;
        };
        let Some(source_stage) = ctx.stage_named(&from.value) else {
            continue;
        };
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        // Where pip installed with --prefix/--target in the source stage.
        let stage = ctx.stages.get(source_stage);
        let mut install_dirs: Vec<String> = Vec::new();
        let mut user_install = false;
        if let Some(stage) = stage {
            for run in ctx
                .stage_instructions(stage)
                .iter()
                .filter(|i| i.kind() == Keyword::Run)
            {
                for c in run.commands() {
                    let pip = c.is("pip")
                        || c.is("pip3")
                        || (c.program().is_some_and(|p| p.starts_with("python"))
                            && c.has_word("pip"));
                    if !pip || !c.has_word("install") {
                        continue;
                    }
                    user_install |= c.has_flag("--user");
                    for option in ["--prefix", "--target", "-t", "--root"] {
                        let value = c.flag_value(option).map(|w| w.value.clone()).or_else(|| {
                            c.args().iter().find_map(|w| {
                                w.value
                                    .strip_prefix(&format!("{option}="))
                                    .map(str::to_string)
                            })
                        });
                        if let Some(dir) = value {
                            let dir = crate::model::expand(&dir, &run.scope);
                            if !dir.is_empty() && !is_venv_path(&dir) {
                                install_dirs.push(dir.trim_end_matches('/').to_string());
                            }
                        }
                    }
                }
            }
        }
        for source in &copy.sources {
            let path = crate::model::expand(&source.value, &info.scope);
            if is_venv_path(&path) {
                continue;
            }
            let trimmed = path.trim_end_matches('/');
            let what = if path.contains("site-packages") || path.contains("dist-packages") {
                "a site-packages directory"
            } else if user_install
                && (trimmed == "/root/.local"
                    || trimmed.starts_with("/root/.local/")
                    || trimmed.ends_with("/.local"))
            {
                "a `pip install --user` tree"
            } else if install_dirs
                .iter()
                .any(|d| d == trimmed || trimmed.starts_with(&format!("{d}/")))
            {
                "a `pip install --prefix`/`--target` directory"
            } else {
                continue;
            };
            out.push(Diagnostic::new(
                source.span,
                format!(
                    "This copies {what} between stages by hand: console scripts and data files are left behind \
                     and the path ties the image to one Python version. Build a virtual environment in the \
                     builder (`python -m venv /opt/venv`), copy `/opt/venv` whole and put `/opt/venv/bin` on \
                     `PATH`."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_site_packages_user_and_prefix_copies() {
        let src = "FROM python AS b\nRUN pip install x\nFROM gcr.io/distroless/python3\n\
                   COPY --from=b /usr/local/lib/python3.11/site-packages /site\n";
        assert_eq!(lines("DW1014", src), vec![4]);
        let user = "FROM python AS b\nRUN pip install --user x\nFROM python\nCOPY --from=b /root/.local /root/.local\n";
        assert_eq!(lines("DW1014", user), vec![4]);
        let prefix = "FROM python AS b\nRUN pip install --prefix=/install x\nFROM python\nCOPY --from=b /install /usr/local\n";
        assert_eq!(lines("DW1014", prefix), vec![4]);
    }

    #[test]
    fn does_not_catch_venvs_or_other_copies() {
        let venv = "FROM python AS b\nRUN python -m venv /opt/venv\nFROM python\nCOPY --from=b /opt/venv /opt/venv\n";
        assert!(lines("DW1014", venv).is_empty());
        let inside = "FROM python AS b\nFROM python\nCOPY --from=b /app/.venv/lib/python3.12/site-packages /x\n";
        assert!(lines("DW1014", inside).is_empty());
        assert!(lines(
            "DW1014",
            "FROM python AS b\nFROM python\nCOPY --from=b /app/dist /app\n"
        )
        .is_empty());
        assert!(lines("DW1014", "FROM python\nCOPY site-packages /x\n").is_empty());
        let stack = "FROM haskell AS b\nRUN stack install\nFROM debian\nCOPY --from=b /root/.local/bin/app /usr/bin/\n";
        assert!(lines("DW1014", stack).is_empty());
    }
}
