//! DL3066: the container's `USER` given by name rather than UID.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2066",
    name: "non-numeric-user",
    category: Category::Security,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3066")],
    fix: FixKind::Safe(fix_safety!(
        "Safe, and offered for `root` only (`USER root` becomes `USER 0`, `root:root` becomes `0:0`), since uid and \
         gid 0 are root in every image. Other names are given their ids by DW1003, which knows the users the file \
         creates and the images' own."
    )),
    docs: rule_docs! {
        what: "Flags the `USER` the container runs as (the last one of the final stage) when it is a name \
               rather than a numeric UID.",
        why: "Outside the image a name means nothing: Kubernetes with `runAsNonRoot: true` cannot tell whether \
              `app` is root and refuses to start the pod, and volume ownership is decided by numbers. \
              `USER 10001` (or `USER 10001:10001`) is unambiguous.",
        example: "FROM nginx:1.27\nCOPY html /usr/share/nginx/html\nUSER root\n",
        fixed: "FROM nginx:1.27\nCOPY html /usr/share/nginx/html\nUSER 0\n",
        differences: "Only the `USER` in force when the container starts is checked: the last one of the final \
                      stage (or of the stage it builds on). A `USER root` to install packages in the middle of a \
                      stage, or a name in a builder stage, never reaches the runtime. hadolint 2.15.1 flags every \
                      `USER` (its maintainers narrowed the rule the same way afterwards). A `USER` given by a \
                      variable is not flagged, since `--build-arg` may set it to a UID.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(last) = effective_user(ctx) else {
        return;
    };
    let Body::Words(words) = &last.node.body else {
        return;
    };
    let Some(word) = words.first() else { return };
    // A variable can be given any value with `--build-arg`, a UID included: only literal names are flagged.
    let user = word.value.split(':').next().unwrap_or("");
    if user.is_empty() || user.contains('$') || user.chars().all(|c| c.is_ascii_digit()) {
        return;
    }
    let ids = root_as_ids(ctx, word);
    let example = ids.map_or("for example `USER 10001`".to_string(), |ids| {
        format!("`USER {ids}`")
    });
    let d = Diagnostic::new(
        word.span,
        format!(
            "The container runs as `{user}`, a name the host and Kubernetes cannot resolve or verify; use the \
             numeric UID ({example})."
        ),
    );
    out.push(match ids {
        Some(ids) => d.with_fix(
            Fix::safe(
                format!("Use USER {ids}"),
                vec![Edit::replace(word.span, ids.to_string())],
            )
            .explained(
                "Root is uid 0 (and gid 0) in every image: the container runs as the same user.",
            ),
        ),
        None => d,
    });
}

/// `0` for a literal `USER root`, `0:0` for `root:root` (or `root:0`): the one name whose ids every image agrees on.
fn root_as_ids(ctx: &Context, word: &Word) -> Option<&'static str> {
    if ctx.text(word.span) != word.value {
        return None;
    }
    match word.value.split_once(':') {
        None if word.value == "root" => Some("0"),
        Some(("root", "root" | "0")) => Some("0:0"),
        _ => None,
    }
}

/// The last `USER` instruction of the final stage, or of the stages it builds on.
fn effective_user<'c>(ctx: &'c Context) -> Option<&'c InstructionInfo<'c>> {
    let mut stage = ctx.final_stage();
    let mut seen = 0;
    while let Some(s) = stage {
        if let Some(user) = ctx
            .stage_instructions(s)
            .iter()
            .rev()
            .find(|i| i.kind() == Keyword::User)
        {
            return Some(user);
        }
        seen += 1;
        stage = match s.base {
            Base::Stage(parent) if seen < ctx.stages.len() => ctx.stages.get(parent),
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_a_named_runtime_user() {
        assert_eq!(lines("DW2066", "FROM debian:12\nUSER app\n"), vec![2]);
        assert_eq!(lines("DW2066", "FROM debian:12\nUSER app:1000\n"), vec![2]);
        assert_eq!(
            lines(
                "DW2066",
                "FROM debian:12 AS base\nUSER app\nFROM base\nCMD x\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn root_becomes_uid_zero() {
        assert_eq!(
            fixed("DW2066", "FROM debian:12\nUSER root\n"),
            "FROM debian:12\nUSER 0\n"
        );
        assert_eq!(
            fixed("DW2066", "FROM debian:12\nUSER root:root\n"),
            "FROM debian:12\nUSER 0:0\n"
        );
        // Another name's ids, or root with another group, are not known here: flagged, not fixed.
        for unfixed in [
            "FROM debian:12\nUSER app\n",
            "FROM debian:12\nUSER root:staff\n",
        ] {
            assert_eq!(lines("DW2066", unfixed), vec![2]);
            assert_eq!(fixed("DW2066", unfixed), unfixed);
        }
    }

    #[test]
    fn does_not_catch_numeric_users_or_earlier_users() {
        assert!(lines("DW2066", "FROM debian:12\nUSER 1000:app\n").is_empty());
        assert!(lines("DW2066", "FROM debian:12\nUSER root\nRUN x\nUSER 10001\n").is_empty());
        assert!(lines(
            "DW2066",
            "FROM debian:12 AS build\nUSER app\nFROM debian:12\nUSER 1000\n"
        )
        .is_empty());
        assert!(lines("DW2066", "FROM debian:12\nARG UID\nUSER ${UID}\n").is_empty());
        assert!(lines("DW2066", "FROM debian:12\nARG NAME=app\nUSER $NAME\n").is_empty());
    }
}
