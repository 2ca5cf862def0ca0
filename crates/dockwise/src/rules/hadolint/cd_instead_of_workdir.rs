//! DL3003: `cd` in a `RUN` instead of `WORKDIR`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2003",
    name: "cd-instead-of-workdir",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3003"), Alias(Peer::Trivy, "DS013")],
    enabled_by_default: true,
    fix: FixKind::None,
    docs: Docs {
        what: "Flags `cd` in a `RUN`.",
        why: "`cd` lasts only until the end of its `RUN`, so the next instruction silently runs elsewhere; \
              `WORKDIR` sets the directory for every following instruction and documents it.",
        example: "FROM node:22\nCOPY . /app\nRUN cd /app && npm ci\n",
        fixed: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
        fix_safety: "",
        differences: "Reported once per `RUN`, on its first `cd`, like hadolint (which also counts `cd` inside \
                      sub-shells and command substitutions).",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| crate::rules::common::commands::is_run(i))
    {
        let Some(cmd) = info.commands().find(|c| c.is("cd")) else {
            continue;
        };
        out.push(Diagnostic::new(
            cmd.span,
            "`cd` only lasts until the end of this `RUN`, so later instructions quietly run somewhere else; set \
             the directory with `WORKDIR` instead.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_cd_once_per_run() {
        assert_eq!(
            lines("DW2003", "FROM a:1\nRUN cd /x && make && cd /y\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_cd_in_subshells_and_conditionals() {
        assert_eq!(lines("DW2003", "FROM a:1\nRUN (cd x; make)\n"), vec![2]);
        assert_eq!(
            lines("DW2003", "FROM a:1\nRUN if true; then cd /x; fi\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_cd_as_an_argument_or_in_cmd() {
        assert!(lines("DW2003", "FROM a:1\nRUN echo cd\nCMD cd /x && run\n").is_empty());
    }
}
