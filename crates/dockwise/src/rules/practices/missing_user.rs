//! DW1001: the final stage runs as root (no `USER`, or the last `USER` is root).

use crate::rewrite::{as_lines, Style};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1001",
    name: "missing-user",
    category: Category::Security,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Trivy, "DS002"), Alias(Peer::Checkov, "CKV_DOCKER_3")],
    enabled_by_default: true,
    fix: FixKind::Unsafe,
    docs: Docs {
        what: "Flags a final stage that never switches to a non-root user: no `USER` at all (in the stage or in \
               an earlier stage it builds on), or a last `USER` that is `root` or `0`.",
        why: "A process running as root inside the container is root on the host's kernel: one bug in the app or \
              a container-escape vulnerability gives an attacker full control. A non-root user with a fixed \
              numeric UID also lets Kubernetes' `runAsNonRoot` verify it.",
        example: "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
        fixed: "FROM python:3.12-slim\nCOPY app.py /app/\nRUN groupadd --system --gid 10001 app && useradd --system \
                --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\nCMD [\"python\", \"/app/app.py\"]\n",
        fix_safety: "Unsafe: the app then runs as UID 10001 and can no longer write to files and directories owned \
                     by root (copied files, `WORKDIR`s, volumes) or bind ports below 1024; `COPY --chown=10001:10001` \
                     or a `chown` in the build may be needed. The user is created with the distribution's tools \
                     (`addgroup`/`adduser` on Alpine, `groupadd`/`useradd` on Debian, Ubuntu and RHEL); distroless \
                     and scratch images get `USER 65532:65532` (distroless' `nonroot`). When the stage already \
                     creates a user, the fix switches to it instead. No fix is offered for bases of unknown \
                     distribution.",
        differences: "A final `FROM scratch` stage that copies nothing (a distribution's base image built from a \
                      root file system tarball) is not flagged. A `USER` set by the base image itself is invisible in the Dockerfile, so images that \
                      already run as non-root (e.g. distroless `:nonroot` tags, which are recognised) may need the \
                      rule disabled or an explicit `USER`; an explicit `USER` is clearer anyway.",
    },
    check,
};

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or("").trim();
    name.is_empty() || name == "root" || name == "0"
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    if stage.end_user.as_deref().is_some_and(|u| !is_root(u)) {
        return;
    }
    let base = root_base(ctx, stage);
    if let Base::Image(image) = &base.base {
        let tag = image.tag.as_deref().unwrap_or("");
        if base.distro == Distro::Distroless && tag.contains("nonroot") {
            return;
        }
    }
    if matches!(stage.distro, Distro::Windows)
        || ctx.instructions.iter().any(|i| !i.shell.is_posix())
    {
        return;
    }
    // `FROM scratch` + `ADD rootfs.tar /` builds a base image (a distribution), not an app: no user to pick.
    // A scratch stage that only gets a binary copied in (`COPY --from=build`) does run an app.
    if matches!(base.base, Base::Scratch)
        && !ctx
            .stage_instructions(stage)
            .iter()
            .any(|i| i.kind() == Keyword::Copy)
    {
        return;
    }
    let instructions = ctx.stage_instructions(stage);
    let last_user = instructions
        .iter()
        .rev()
        .find(|i| i.kind() == Keyword::User);
    let span = match last_user {
        Some(u) => u.node.text_span(),
        None => match instructions.first().map(|i| &i.node.body) {
            Some(Body::From(f)) => f.image.span,
            _ => return,
        },
    };
    let message = match last_user {
        Some(_) => "The final stage switches back to root, so the container runs as root: a compromised app \
                    controls the whole container. Switch to a non-root `USER` (a numeric UID:GID) before `CMD`.",
        None => "The final stage never sets `USER`, so the container runs as root: a compromised app controls \
                 the whole container. Create a non-root user and switch to it (`USER 10001:10001`) before `CMD`.",
    };
    let mut diagnostic = Diagnostic::new(span, message);
    if let Some(fix) = fix(ctx, stage) {
        diagnostic = diagnostic.with_fix(fix);
    }
    out.push(diagnostic);
}

/// The first stage of the `FROM <stage>` chain: the one that names the registry image.
fn root_base<'s>(ctx: &'s Context, stage: &'s Stage) -> &'s Stage {
    let mut current = stage;
    while let Base::Stage(parent) = current.base {
        match ctx.stages.get(parent) {
            Some(p) if p.index < current.index => current = p,
            _ => break,
        }
    }
    current
}

/// A user the stage creates with `useradd`/`adduser` (the last operand), if any.
fn created_user(ctx: &Context, stage: &Stage) -> Option<String> {
    let mut found = None;
    for info in ctx.stage_instructions(stage) {
        for c in info.commands() {
            if c.is("useradd") || c.is("adduser") {
                if let Some(name) = c.operands().last() {
                    let name = name.value.as_str();
                    if !name.is_empty() && !name.contains(['$', '/', ' ']) && !is_root(name) {
                        found = Some(name.to_string());
                    }
                }
            }
        }
    }
    found
}

fn fix(ctx: &Context, stage: &Stage) -> Option<Fix> {
    let style = Style::of(ctx.model);
    let instructions = ctx.stage_instructions(stage);
    // Before the first CMD/ENTRYPOINT that no RUN, COPY, ADD or USER follows; else at the end of the stage.
    let changes_after = |i: usize| {
        instructions.iter().skip(i + 1).any(|x| {
            matches!(
                x.kind(),
                Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::User | Keyword::Onbuild
            )
        })
    };
    let position = instructions
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, x)| matches!(x.kind(), Keyword::Cmd | Keyword::Entrypoint) && !changes_after(*i))
        .map(|(i, _)| i);
    let at = match position {
        Some(i) => instructions.get(i - 1)?.node.span.end,
        None => instructions.last()?.node.span.end,
    };
    let run = style.keyword(Keyword::Run);
    let user = style.keyword(Keyword::User);
    let (lines, what) = if let Some(name) = created_user(ctx, stage) {
        (
            vec![format!("{user} {name}")],
            format!("switches to the user `{name}` the stage already creates"),
        )
    } else {
        match stage.distro {
            Distro::Alpine => (
                vec![
                    format!("{run} addgroup -S -g 10001 app && adduser -S -u 10001 -G app app"),
                    format!("{user} 10001:10001"),
                ],
                "creates the system user `app` (UID/GID 10001) and runs the container as it".to_string(),
            ),
            Distro::Debian | Distro::Rhel | Distro::Suse => (
                vec![
                    format!(
                        "{run} groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app \
                         --no-create-home app"
                    ),
                    format!("{user} 10001:10001"),
                ],
                "creates the system user `app` (UID/GID 10001) and runs the container as it".to_string(),
            ),
            Distro::Distroless | Distro::Scratch => (
                vec![format!("{user} 65532:65532")],
                "runs the container as UID/GID 65532 (distroless' `nonroot`)".to_string(),
            ),
            _ => return None,
        }
    };
    let text = as_lines(ctx.source, at, &lines, &style);
    Some(
        Fix::unsafe_("Run as a non-root user", vec![Edit::insert(at, text)]).explained(format!(
            "The final image {what}; files it must write need matching ownership."
        )),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_a_final_stage_without_user_or_back_to_root() {
        assert_eq!(lines("DW1001", "FROM alpine:3.21\nCMD [\"sh\"]\n"), vec![1]);
        assert_eq!(
            lines("DW1001", "FROM alpine:3.21\nUSER app\nRUN x\nUSER root\n"),
            vec![4]
        );
        assert_eq!(lines("DW1001", "FROM alpine:3.21\nUSER 0:0\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_non_root_users_inherited_users_or_nonroot_distroless() {
        assert!(lines("DW1001", "FROM alpine:3.21\nUSER 10001:10001\n").is_empty());
        assert!(lines(
            "DW1001",
            "FROM alpine:3.21 AS base\nUSER app\nFROM base\nCMD x\n"
        )
        .is_empty());
        assert!(lines("DW1001", "FROM gcr.io/distroless/static-debian12:nonroot\n").is_empty());
        assert!(lines("DW1001", "FROM alpine AS b\nFROM node:20\nUSER node\n").is_empty());
        assert!(lines(
            "DW1001",
            "FROM scratch\nADD rootfs.tar.xz /\nCMD [\"bash\"]\n"
        )
        .is_empty());
        assert_eq!(
            lines(
                "DW1001",
                "FROM scratch\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"
            ),
            vec![1]
        );
    }

    #[test]
    fn fix_creates_the_user_for_the_distribution_before_cmd() {
        assert_eq!(
            fixed("DW1001", "FROM alpine:3.21\nRUN apk add --no-cache curl\n\n# run\nCMD [\"sh\"]\n"),
            "FROM alpine:3.21\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 app && adduser -S -u 10001 -G \
             app app\nUSER 10001:10001\n\n# run\nCMD [\"sh\"]\n"
        );
        assert_eq!(
            fixed("DW1001", "from gcr.io/distroless/static-debian12\r\ncopy --from=b /app /app"),
            "from gcr.io/distroless/static-debian12\r\ncopy --from=b /app /app\r\nuser 65532:65532\r\n"
        );
    }

    #[test]
    fn fix_goes_to_the_end_when_commands_follow_cmd_and_reuses_a_created_user() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM debian:12\nRUN useradd -m web\nCMD [\"x\"]\nRUN y\n"
            ),
            "FROM debian:12\nRUN useradd -m web\nCMD [\"x\"]\nRUN y\nUSER web\n"
        );
    }

    #[test]
    fn no_fix_for_unknown_bases() {
        let src = "FROM myorg/base:1\nCMD x\n";
        assert_eq!(lines("DW1001", src), vec![1]);
        assert_eq!(fixed("DW1001", src), src);
    }
}
