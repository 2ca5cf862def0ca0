//! `USER name` for a user that does not exist in the stage.

use crate::model::{is_image_user, is_numeric_id, user_instructions, Accounts};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1002",
    name: "user-not-created",
    category: Category::Correctness,
    severity: Severity::Error,
    docs: rule_docs! {
        what: "Flags a `USER name` whose user is not created earlier in the stage (or in a stage it builds on) \
               with `useradd`/`adduser`, and is not a user the base image is known to ship (`root`, `nobody`, \
               `www-data`, `node` in node images, `nonroot` in distroless, `postgres`, `redis`, `nginx`... in \
               their images).",
        why: "Docker resolves the name against the image's `/etc/passwd` when a `RUN` or the container starts: \
              an unknown user fails the build (`unable to find user`) or the container at start.",
        example: "FROM python:3.12-slim\nCOPY app.py /app/\nUSER appuser\nCMD [\"python\", \"/app/app.py\"]\n",
        fixed: "FROM python:3.12-slim\nCOPY app.py /app/\nRUN useradd --system --uid 10001 appuser\nUSER appuser\n\
                CMD [\"python\", \"/app/app.py\"]\n",
        differences: "Stays quiet when the base image is not one whose users Dockwise knows (a private or vendor \
                      image may create the user), when `/etc/passwd` is copied or written directly, and for \
                      numeric ids and variables.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let mut accounts: Option<Accounts> = None;
        for (index, value) in user_instructions(ctx, stage) {
            let name = value.split(':').next().unwrap_or("").trim();
            if name.is_empty() || name.contains('$') || is_numeric_id(name) {
                continue;
            }
            let accounts = accounts.get_or_insert_with(|| Accounts::of_stage(ctx, stage));
            if accounts.passwd_edited {
                continue;
            }
            let created = accounts
                .users
                .iter()
                .filter(|u| u.name == name)
                .map(|u| u.instruction)
                .min();
            if created.is_some_and(|at| at < index) || accounts.implied_user(name, index) {
                continue;
            }
            if is_image_user(ctx, stage, name) != Some(false) {
                continue;
            }
            let Some(info) = ctx.instructions.get(index) else {
                continue;
            };
            let span = match &info.node.body {
                Body::Words(words) => words.first().map_or(info.node.text_span(), |w| w.span),
                _ => info.node.text_span(),
            };
            let message = if created.is_some() {
                format!(
                    "User `{name}` is created only after this `USER`: the instructions in between run as a user \
                     that does not exist yet and fail. Move the `USER` after the `RUN` that creates it."
                )
            } else {
                format!(
                    "User `{name}` is never created in this stage and the base image does not ship it: the build \
                     or the container fails with `unable to find user {name}`. Create it first (`useradd`/`adduser` \
                     with a fixed UID) or use an existing user."
                )
            };
            out.push(Diagnostic::new(span, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_user_never_created() {
        assert_eq!(lines("DW1002", "FROM python:3.12\nUSER app\n"), vec![2]);
        assert_eq!(lines("DW1002", "FROM alpine\nUSER app:app\n"), vec![2]);
        assert_eq!(
            lines("DW1002", "FROM scratch\nCOPY app /app\nUSER app\n"),
            vec![3]
        );
    }

    #[test]
    fn catches_a_user_created_only_after_the_user_instruction() {
        assert_eq!(
            lines("DW1002", "FROM debian\nUSER app\nRUN useradd app\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_a_user_created_in_an_unrelated_stage() {
        assert_eq!(
            lines(
                "DW1002",
                "FROM debian AS a\nRUN useradd app\nFROM debian\nUSER app\n"
            ),
            vec![4]
        );
    }

    #[test]
    fn does_not_catch_created_or_image_users() {
        assert!(lines("DW1002", "FROM debian\nRUN useradd -m app\nUSER app\n").is_empty());
        assert!(lines("DW1002", "FROM alpine\nRUN adduser -D app\nUSER app\n").is_empty());
        assert!(lines(
            "DW1002",
            "FROM debian AS base\nRUN useradd app\nFROM base\nUSER app\n"
        )
        .is_empty());
        assert!(lines("DW1002", "FROM node:20\nUSER node\n").is_empty());
        assert!(lines(
            "DW1002",
            "FROM gcr.io/distroless/static\nUSER nonroot:nonroot\n"
        )
        .is_empty());
        assert!(lines("DW1002", "FROM debian\nUSER nobody\n").is_empty());
        assert!(lines("DW1002", "FROM debian\nUSER 1000:1000\n").is_empty());
        assert!(lines("DW1002", "FROM debian\nARG U\nUSER $U\n").is_empty());
    }

    #[test]
    fn does_not_catch_unknown_bases_or_copied_passwd() {
        assert!(lines("DW1002", "FROM mycorp/base:1\nUSER app\n").is_empty());
        assert!(lines(
            "DW1002",
            "FROM ubuntu\nRUN apt-get install -y postgresql\nUSER postgres\n"
        )
        .is_empty());
        assert!(lines(
            "DW1002",
            "FROM debian\nRUN apt-get install -y mopidy\nUSER mopidy\n"
        )
        .is_empty());
        assert!(lines(
            "DW1002",
            "FROM ubuntu\nRUN usermod -a -G sudo svc\nUSER svc\n"
        )
        .is_empty());
        assert!(lines(
            "DW1002",
            "FROM b AS b\nFROM scratch\nCOPY --from=b /etc/passwd /etc/passwd\nUSER app\n"
        )
        .is_empty());
        assert!(lines(
            "DW1002",
            "FROM alpine\nRUN echo 'app:x:1000:1000::/:/bin/sh' >> /etc/passwd\nUSER app\n"
        )
        .is_empty());
    }
}
