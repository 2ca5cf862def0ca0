//! `USER name` instead of `USER uid:gid` in the final stage.

use crate::model::{image_user_id, is_numeric_id, user_instructions, Accounts};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1003",
    name: "numeric-user",
    category: Category::Security,
    severity: Severity::Info,
    aliases: &[],
    enabled_by_default: true,
    fix: FixKind::Safe,
    docs: Docs {
        what: "Flags the `USER` in force in the final stage when it names a user (`USER app`) instead of giving \
               numeric ids (`USER 10001:10001`). `root` is left to the non-root rules.",
        why: "Kubernetes' `runAsNonRoot` checks the image's user without reading its `/etc/passwd`: with a name it \
              cannot tell the user is not root and refuses to start the pod. Numeric ids also keep file ownership \
              stable across images and volumes.",
        example: "FROM python:3.12-slim\nRUN groupadd -g 10001 app && useradd -u 10001 -g app app\nUSER app\n\
                  CMD [\"python\", \"-m\", \"http.server\"]\n",
        fixed: "FROM python:3.12-slim\nRUN groupadd -g 10001 app && useradd -u 10001 -g app app\nUSER 10001:10001\n\
                CMD [\"python\", \"-m\", \"http.server\"]\n",
        fix_safety: "Safe, and offered only when the ids are known: the file creates the user with an explicit \
                     `-u`/`--uid` (and its group with `-g`/`--gid`), or the user is an image user with fixed ids \
                     (distroless `nonroot` 65532, `node` 1000, `nobody` 65534). The container runs as the same \
                     user; without a known gid the fix writes the uid alone, which keeps the user's primary group.",
        differences: "",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    // The USER in force: the final stage's last one, or a parent stage's.
    let mut current = Some(stage);
    let mut found = None;
    let mut guard = 0;
    while let Some(s) = current {
        if let Some(last) = user_instructions(ctx, s).last() {
            found = Some(last);
            break;
        }
        guard += 1;
        current = match s.base {
            Base::Stage(p) if p < s.index && guard < 64 => ctx.stages.get(p),
            _ => None,
        };
    }
    let Some((index, value)) = found else { return };
    let (name, group) = match value.split_once(':') {
        Some((n, g)) => (n.trim(), Some(g.trim())),
        None => (value.trim(), None),
    };
    if name.is_empty() || name.contains('$') || is_numeric_id(name) || name == "root" {
        return;
    }
    let Some(info) = ctx.instructions.get(index) else {
        return;
    };
    let Body::Words(words) = &info.node.body else {
        return;
    };
    let Some(word) = words.first() else { return };
    let mut d = Diagnostic::new(
        word.span,
        format!(
            "`USER {value}` names the user: Kubernetes' `runAsNonRoot` cannot verify a name is not root and \
             refuses to start the pod. Use numeric ids (`USER <uid>:<gid>`)."
        ),
    );
    let accounts = Accounts::of_stage(ctx, stage);
    let ids = match accounts.user(name).filter(|u| u.instruction < index) {
        Some(user) => user.uid.clone().and_then(|uid| {
            let gid = match group {
                Some(g) => Some(accounts.gid_of(g)?),
                None => user.group.as_deref().and_then(|g| accounts.gid_of(g)),
            };
            Some(match gid {
                Some(gid) => format!("{uid}:{gid}"),
                None => uid,
            })
        }),
        None => image_user_id(ctx, stage, name).and_then(|(uid, gid)| match group {
            None => Some(format!("{uid}:{gid}")),
            Some(g) if g == name => Some(format!("{uid}:{gid}")),
            Some(g) if is_numeric_id(g) => Some(format!("{uid}:{g}")),
            Some(_) => None,
        }),
    };
    let literal = !word.value.contains('$') && ctx.text(word.span) == word.value;
    if let (Some(ids), true) = (ids, literal) {
        d = d.with_fix(
            Fix::safe(
                format!("Use USER {ids}"),
                vec![Edit::replace(word.span, ids.clone())],
            )
            .explained(format!(
                "The container runs as the same user, now named by its ids ({ids})."
            )),
        );
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_a_named_user_in_the_final_stage() {
        assert_eq!(
            lines("DW1003", "FROM debian\nRUN useradd app\nUSER app\n"),
            vec![3]
        );
        assert_eq!(lines("DW1003", "FROM node:20\nUSER node\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_numeric_ids_root_variables_or_builder_stages() {
        assert!(lines("DW1003", "FROM debian\nUSER 1000:1000\n").is_empty());
        assert!(lines("DW1003", "FROM debian\nUSER root\n").is_empty());
        assert!(lines("DW1003", "FROM debian\nARG U\nUSER ${U}\n").is_empty());
        assert!(lines(
            "DW1003",
            "FROM debian AS b\nUSER app\nFROM debian\nUSER 1:1\n"
        )
        .is_empty());
    }

    #[test]
    fn reads_the_user_of_a_parent_stage() {
        assert_eq!(
            lines("DW1003", "FROM node AS base\nUSER node\nFROM base\nCMD x\n"),
            vec![2]
        );
    }

    #[test]
    fn fix_uses_the_ids_the_file_gives() {
        let src =
            "FROM alpine\nRUN addgroup -S -g 1001 web && adduser -S -u 1001 -G web web\nUSER web\n";
        assert_eq!(
            fixed("DW1003", src),
            "FROM alpine\nRUN addgroup -S -g 1001 web && adduser -S -u 1001 -G web web\nUSER 1001:1001\n"
        );
        let uid_only = "FROM debian\nRUN useradd -u 999 app\nUSER app\n";
        assert_eq!(
            fixed("DW1003", uid_only),
            "FROM debian\nRUN useradd -u 999 app\nUSER 999\n"
        );
        assert_eq!(
            fixed(
                "DW1003",
                "FROM gcr.io/distroless/base\nUSER nonroot:nonroot\n"
            ),
            "FROM gcr.io/distroless/base\nUSER 65532:65532\n"
        );
    }

    #[test]
    fn no_fix_without_a_known_uid() {
        let src = "FROM debian\nRUN useradd app\nUSER app\n";
        assert_eq!(fixed("DW1003", src), src);
        let group_unknown = "FROM debian\nRUN useradd -u 5 app\nUSER app:staff\n";
        assert_eq!(fixed("DW1003", group_unknown), group_unknown);
    }
}
