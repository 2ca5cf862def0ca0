//! DL3064: `ARG`/`ENV` names that suggest secrets.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2064",
    name: "sensitive-arg-env",
    category: Category::Security,
    severity: Severity::Warning,
    // BuildKit's check defers to this rule while it runs, so `# check=skip=SecretsUsedInArgOrEnv` must silence it too.
    aliases: &[
        Alias(Peer::Hadolint, "DL3064"),
        Alias(Peer::Buildkit, "SecretsUsedInArgOrEnv"),
    ],
    docs: rule_docs! {
        what: "Flags `ARG` and `ENV` names that contain `password`, `secret`, `token`, `api_key`, `private` or \
               `username` (any case).",
        why: "`ENV` values are stored in the image config and `ARG` values in the build history: anyone who can \
              pull the image can read them. Pass secrets with `RUN --mount=type=secret` instead.",
        example: "FROM debian:12\nARG NPM_TOKEN\n",
        fixed: "FROM node:20-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n",
        differences: "Names ending in `_FILE` (`POSTGRES_PASSWORD_FILE=/run/secrets/db`) are not flagged: they hold \
                      the path of a secret file, the recommended pattern; hadolint flags them. Nor are \
                      settings whose name only looks like one: Go's `GOPRIVATE` lists module paths.",
    },
    check,
    ..Rule::DEFAULTS
};

const WORDS: [&str; 7] = [
    "password",
    "secret",
    "token",
    "api_key",
    "private",
    "username",
    "privatekey",
];

/// Names that contain a word of [`WORDS`] but hold no secret: Go's `GOPRIVATE` (module path patterns).
const NOT_SECRETS: [&str; 1] = ["goprivate"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| matches!(i.kind(), Keyword::Arg | Keyword::Env))
    {
        let Body::KeyValues(pairs) = &info.node.body else {
            continue;
        };
        for pair in pairs {
            let lower = pair.key.value.to_ascii_lowercase();
            if WORDS.iter().any(|w| lower.contains(w))
                && !lower.ends_with("_file")
                && !NOT_SECRETS.contains(&lower.as_str())
            {
                out.push(Diagnostic::new(
                    pair.key.span,
                    format!(
                        "`{}` looks like a secret; `{}` values stay readable in the image, so pass it with `RUN \
                         --mount=type=secret` instead.",
                        pair.key.value,
                        ctx.text(info.node.keyword)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_secret_like_names() {
        for name in [
            "PASSWORD",
            "DB_PASSWORD",
            "GITHUB_TOKEN",
            "API_KEY",
            "client_secret",
            "SSH_PRIVATE_KEY",
        ] {
            assert_eq!(
                lines("DW2064", &format!("FROM debian:12\nARG {name}\n")),
                vec![2],
                "{name}"
            );
        }
        assert_eq!(
            lines("DW2064", "FROM debian:12\nENV A=1 \\\n  MY_TOKEN=2\n"),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_ordinary_names() {
        for name in [
            "USER",
            "DB_USER",
            "POSTGRES_PASSWORD_FILE",
            "PASSWD_FILE_MODE",
            "KEYCLOAK_URL",
            "AUTH",
            "GOPRIVATE",
        ] {
            assert!(
                lines("DW2064", &format!("FROM debian:12\nARG {name}\n")).is_empty(),
                "{name}"
            );
        }
    }
}
