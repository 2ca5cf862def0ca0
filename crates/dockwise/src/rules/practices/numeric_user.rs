//! `USER name` instead of `USER uid:gid` in the final stage.

use crate::model::{image_user_id, is_numeric_id, user_instructions, Accounts};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1003",
    name: "numeric-user",
    category: Category::Security,
    severity: Severity::Info,
    fix: FixKind::Sometimes(fix_safety!(
        "Safe, and offered only when the ids are known: the file creates the user with an explicit `-u`/`--uid` \
         (and its group with `-g`/`--gid`), or the user is an image user with fixed ids (distroless `nonroot` \
         65532, `node` 1000, `nobody` 65534). The container runs as the same user; without a known gid the fix \
         writes the uid alone, which keeps the user's primary group. When the file creates the user without an id \
         (`useradd app`, `adduser -D app`), the unsafe fix gives it one (`-u 10001`, `--uid 10001` for Debian's \
         `adduser`) and names it by that number: the user gets 10001 instead of the next free id (usually 1000), \
         which matters only to files owned by the old number (a volume, a `chown 1000`); it is not offered when \
         the file names owners by number or edits `/etc/passwd`. No fix when the ids are written with variables \
         (`useradd --uid \"${UID}\"`: a `--build-arg` changes them) or `usermod -u`/`-g` changes them."
    )),
    docs: rule_docs! {
        what: "Flags the `USER` in force in the final stage when it names a user (`USER app`) instead of giving \
               numeric ids (`USER 10001:10001`). `root` is left to the non-root rules.",
        why: "Kubernetes' `runAsNonRoot` checks the image's user without reading its `/etc/passwd`: with a name it \
              cannot tell the user is not root and refuses to start the pod. Numeric ids also keep file ownership \
              stable across images and volumes.",
        example: "FROM python:3.12-slim\nRUN groupadd -g 10001 app && useradd -u 10001 -g app app\nUSER app\n\
                  CMD [\"python\", \"-m\", \"http.server\"]\n",
        fixed: "FROM python:3.12-slim\nRUN groupadd -g 10001 app && useradd -u 10001 -g app app\nUSER 10001:10001\n\
                CMD [\"python\", \"-m\", \"http.server\"]\n",
    },
    check,
    ..Rule::DEFAULTS
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
    // Ids a `--build-arg` or a later `usermod` can change: the numbers known here may not be the user's.
    let variable_ids = accounts.user(name).is_some_and(|u| u.ids_from_variables)
        || accounts.renumbered.iter().any(|m| m == name);
    if variable_ids {
        out.push(d);
        return;
    }
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
    if ids.is_none() && literal {
        if let Some(fix) = give_uid(ctx, stage, &accounts, name, group, index, word) {
            d = d.with_fix(fix);
        }
    }
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

/// The uid given to a user the file creates without one: above the ids distributions hand out to people
/// (1000 and up) and to system users, as container guides advise.
const NEW_UID: u32 = 10001;

/// For a user the file creates without an id (`useradd app`, `adduser -D app`): add `-u 10001` to the command
/// that creates it and name it by that number in `USER`. `None` when anything could already rely on the id the
/// user would get (owners given by number, `/etc/passwd` edited) or the creating command is not plain.
fn give_uid(
    ctx: &Context,
    stage: &Stage,
    accounts: &Accounts,
    name: &str,
    group: Option<&str>,
    user_at: usize,
    word: &Word,
) -> Option<Fix> {
    if accounts.passwd_edited || numeric_owner_named(ctx) {
        return None;
    }
    let mut created = accounts.users.iter().filter(|u| u.name == name);
    let user = created.next()?;
    if created.next().is_some() || user.uid.is_some() || user.instruction >= user_at {
        return None;
    }
    // `USER app:grp` keeps its group only when it is the user's own primary group.
    if group.is_some_and(|g| g != name && Some(g) != user.group.as_deref()) {
        return None;
    }
    let info = ctx.instructions.get(user.instruction)?;
    let mut commands = info.commands().filter(|c| {
        matches!(c.program(), Some("useradd" | "adduser")) && c.operands().any(|w| w.value == name)
    });
    let command = commands.next()?;
    if commands.next().is_some() {
        return None;
    }
    let program = command.words.first()?;
    if ctx.text(program.span) != program.value || command.args().iter().any(|w| w.value == "-o") {
        return None;
    }
    let taken = |id: &str| {
        accounts.users.iter().any(|u| u.uid.as_deref() == Some(id))
            || accounts.groups.iter().any(|g| g.gid.as_deref() == Some(id))
    };
    let uid = (NEW_UID..NEW_UID + 100)
        .map(|n| n.to_string())
        .find(|id| !taken(id))?;
    let debian_adduser = command.is("adduser")
        && stage.distro != Distro::Alpine
        && command.args().iter().any(|w| w.value.starts_with("--"));
    let option = if debian_adduser { "--uid" } else { "-u" };
    Some(
        Fix::unsafe_(
            format!("Create {name} with uid {uid} and use USER {uid}"),
            vec![
                Edit::insert(program.span.end, format!(" {option} {uid}")),
                Edit::replace(word.span, uid.clone()),
            ],
        )
        .explained(format!(
            "`{name}` is created with uid {uid} (it would get the next free id, usually 1000) and the container \
             runs as that number, which Kubernetes can verify is not root. Only files owned by the old id would \
             notice."
        )),
    )
}

/// Whether any `chown` or `--chown` of the file gives its owner as a number: it may count on the id a user gets.
fn numeric_owner_named(ctx: &Context) -> bool {
    let numeric = |owner: &str| owner.starts_with(|c: char| c.is_ascii_digit() || c == '$');
    ctx.instructions.iter().any(|info| match info.kind() {
        Keyword::Run => info
            .commands()
            .any(|c| c.is("chown") && c.operands().next().is_some_and(|w| numeric(&w.value))),
        Keyword::Copy | Keyword::Add => ctx
            .text(info.node.text_span())
            .split_whitespace()
            .filter_map(|w| w.strip_prefix("--chown="))
            .any(numeric),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

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
    fn unsafe_fix_gives_a_created_user_a_uid() {
        assert_eq!(
            fixed("DW1003", "FROM debian\nRUN useradd -m app\nUSER app\n"),
            "FROM debian\nRUN useradd -u 10001 -m app\nUSER 10001\n"
        );
        assert_eq!(
            fixed(
                "DW1003",
                "FROM python:3-alpine\nRUN addgroup -S web && adduser -S -G web web\nUSER web:web\n"
            ),
            "FROM python:3-alpine\nRUN addgroup -S web && adduser -u 10001 -S -G web web\nUSER 10001\n"
        );
        assert_eq!(
            fixed(
                "DW1003",
                "FROM debian\nRUN adduser --disabled-password --gecos '' app\nUSER app\n"
            ),
            "FROM debian\nRUN adduser --uid 10001 --disabled-password --gecos '' app\nUSER 10001\n"
        );
        // 10001 is taken by another user of the file.
        assert_eq!(
            fixed(
                "DW1003",
                "FROM debian\nRUN useradd -u 10001 a && useradd b\nUSER b\n"
            ),
            "FROM debian\nRUN useradd -u 10001 a && useradd -u 10002 b\nUSER 10002\n"
        );
    }

    #[test]
    fn no_uid_given_when_something_may_count_on_the_old_one() {
        assert_unfixed(
            "DW1003",
            &[
                "FROM debian\nRUN useradd app && chown -R 1000:1000 /srv\nUSER app\n",
                "FROM debian\nRUN useradd app\nCOPY --chown=1000 . /srv\nUSER app\n",
                "FROM debian\nRUN useradd app\nCOPY passwd /etc/passwd\nUSER app\n",
                "FROM debian\nRUN useradd -o app\nUSER app\n",
                "FROM debian\nRUN useradd app\nUSER app:staff\n",
                "FROM debian\nUSER app\nRUN useradd app\n",
            ],
        );
    }

    #[test]
    fn no_fix_without_a_known_uid() {
        let src = "FROM debian\nUSER app\n";
        assert_eq!(fixed("DW1003", src), src);
        let group_unknown = "FROM debian\nRUN useradd -u 5 app\nUSER app:staff\n";
        assert_eq!(fixed("DW1003", group_unknown), group_unknown);
    }

    /// Docker's `docker init` templates create the user with `--uid "${UID}"` (`ARG UID=10001`): `USER 10001`
    /// ran the container as another user once built with `--build-arg UID=1000`. `usermod -u ${USER_ID} node`
    /// likewise renumbers the image's `node`.
    #[test]
    fn no_fix_for_ids_a_build_argument_sets() {
        for source in [
            "FROM python:3.12-slim\nARG UID=10001\nRUN adduser --disabled-password --uid \"${UID}\" appuser\nUSER appuser\n",
            "FROM debian:12\nARG GID=2000\nRUN groupadd -g 2000 app && useradd -u 2000 -g \"$GID\" app\nUSER app\n",
            "FROM node:22\nARG USER_ID=1000\nRUN usermod -u ${USER_ID} node\nUSER node\n",
        ] {
            assert_eq!(lines("DW1003", source).len(), 1, "{source}");
            assert_eq!(fixed("DW1003", source), source);
        }
        // Supplementary groups from a variable (`useradd -G "$GROUPS"`) leave the ids known.
        assert_ne!(
            fixed(
                "DW1003",
                "FROM debian:12\nARG EXTRA=audio\nRUN useradd -u 2000 -G \"$EXTRA\" app\nUSER app\n"
            ),
            "FROM debian:12\nARG EXTRA=audio\nRUN useradd -u 2000 -G \"$EXTRA\" app\nUSER app\n"
        );
        // Adding the user to groups keeps its ids.
        assert_eq!(
            fixed(
                "DW1003",
                "FROM debian:12\nRUN useradd -u 2000 app && usermod -aG sudo app\nUSER app\n"
            ),
            "FROM debian:12\nRUN useradd -u 2000 app && usermod -aG sudo app\nUSER 2000\n"
        );
    }
}
