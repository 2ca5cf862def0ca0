//! DL3002: the image runs as root because the final stage's last `USER` is root.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2002",
    name: "last-user-root",
    category: Category::Security,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Hadolint, "DL3002"),
        Alias(Peer::Trivy, "DS002"),
        Alias(Peer::Checkov, "CKV_DOCKER_8"),
    ],
    docs: rule_docs! {
        what: "Flags the last `USER` of the final stage when it switches to root (`root`, `0`, `root:root`).",
        why: "The container then runs as root: any hole in the app becomes root in the container, a step away \
              from the host. Switch back to an unprivileged user after the steps that need root.",
        example: "FROM debian:12\nUSER root\nRUN apt-get update\n",
        fixed: "FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001\n",
        differences: "Only the final stage matters: it is the image that runs. hadolint also reports a build \
                      stage that ends as root (`FROM golang AS build` / `USER root` / ... then `FROM \
                      gcr.io/distroless/static` / `USER nonroot`), which never runs as a container. A final \
                      stage built `FROM` an earlier stage inherits that stage's last `USER`.",
    },
    check,
    ..Rule::DEFAULTS
};

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user).trim();
    name == "root" || name == "0"
}

/// The last `USER` instruction that applies to `stage`: its own, or (when it has none) its parent stage's.
fn last_user<'c>(ctx: &'c Context, stage: &Stage, depth: usize) -> Option<&'c InstructionInfo<'c>> {
    let own = ctx
        .stage_instructions(stage)
        .iter()
        .rev()
        .find(|i| i.kind() == Keyword::User);
    match (own, &stage.base) {
        (Some(info), _) => Some(info),
        (None, Base::Stage(parent)) if depth < ctx.stages.len() => ctx
            .stages
            .get(*parent)
            .and_then(|p| last_user(ctx, p, depth + 1)),
        _ => None,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let Some(info) = last_user(ctx, stage, 0) else {
        return;
    };
    let Body::Words(words) = &info.node.body else {
        return;
    };
    let Some(word) = words.first() else { return };
    let user = crate::model::expand(&word.value, &info.scope);
    if !is_root(&user) {
        return;
    }
    out.push(Diagnostic::new(
        word.span,
        format!(
            "The image ends with `USER {}`, so the container runs as root and any flaw in the app is root in the \
             container; finish with `USER` set to an unprivileged user.",
            word.value
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_final_user_root() {
        assert_eq!(
            lines("DW2002", "FROM debian:12\nUSER app\nUSER root\n"),
            vec![3]
        );
        assert_eq!(lines("DW2002", "FROM debian:12\nUSER 0:0\n"), vec![2]);
    }

    #[test]
    fn catches_root_through_an_arg() {
        assert_eq!(
            lines("DW2002", "FROM debian:12\nARG U=root\nUSER $U\n"),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_root_in_a_build_stage() {
        let src =
            "FROM golang:1.23 AS build\nUSER root\nFROM gcr.io/distroless/static\nUSER nonroot\n";
        assert!(lines("DW2002", src).is_empty());
    }

    #[test]
    fn follows_a_final_stage_built_from_an_earlier_one() {
        let src = "FROM debian:12 AS base\nUSER root\nFROM base\nRUN true\n";
        assert_eq!(lines("DW2002", src), vec![2]);
    }

    #[test]
    fn does_not_catch_an_unprivileged_last_user_or_no_user() {
        assert!(lines("DW2002", "FROM debian:12\nUSER root\nRUN x\nUSER app\n").is_empty());
        assert!(lines("DW2002", "FROM debian:12\n").is_empty());
    }
}
