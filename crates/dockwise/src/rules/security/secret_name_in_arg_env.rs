//! BuildKit SecretsUsedInArgOrEnv: `ARG`/`ENV` names that say they hold a secret.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5008",
    name: "secret-in-arg-or-env",
    category: Category::Security,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Buildkit, "SecretsUsedInArgOrEnv"),
        Alias(Peer::Trivy, "DS031"),
    ],
    docs: rule_docs! {
        what: "Flags an `ARG` or `ENV` whose name marks it as a secret: a `_`-separated part of the name is \
               `password`, `passwd`, `pword`, `secret`, `token`, `key`, `apikey`, `auth`, `credential(s)` (names \
               with a `public` part are left alone), as BuildKit does.",
        why: "`ARG` values are recorded in the image history and `ENV` values in the image configuration: \
              anyone who can pull the image can read them. Secrets belong in build secret mounts.",
        example: "FROM node:22-slim\nARG NPM_TOKEN\nRUN npm ci\n",
        fixed: "FROM node:22-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n",
        differences: "Names that `sensitive-arg-env` (DL3064) reports (holding `password`, `secret`, `token`, \
                      ...) are left to it while it runs, so each name is reported once. Names with a `gpg`, `pgp`, `gnupg` or `apt` part are not flagged: `ENV GPG_KEY=...` in \
                      official images holds a public key fingerprint used to verify downloads, and \
                      `APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE` is a setting; BuildKit flags both.",
    },
    check,
    ..Rule::DEFAULTS
};

const TOKENS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// BuildKit's test: a `_`-separated part of the name is a secret word, and no part is `public`; we also leave
/// GPG/PGP key ids and apt-key settings alone.
pub fn secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('_').collect();
    let public = parts
        .iter()
        .any(|p| matches!(*p, "public" | "gpg" | "pgp" | "gnupg" | "apt"));
    parts.iter().any(|p| TOKENS.contains(p)) && !public
}

/// hadolint's DL3064 rule (`sensitive-arg-env`) already reports names holding these words, while it runs: one
/// finding per name is enough.
fn hadolint_reports(ctx: &Context, lower: &str) -> bool {
    const DL3064_WORDS: [&str; 6] = [
        "password", "secret", "token", "api_key", "private", "username",
    ];
    DL3064_WORDS.iter().any(|w| lower.contains(w))
        && !lower.ends_with("_file")
        && ctx
            .config
            .is_enabled(&crate::rules::hadolint::sensitive_arg_env::RULE)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        let (Keyword::Arg | Keyword::Env, Body::KeyValues(pairs)) = (info.kind(), &info.node.body)
        else {
            continue;
        };
        for pair in pairs.iter().filter(|p| secret_name(&p.key.value)) {
            if hadolint_reports(ctx, &pair.key.value.to_ascii_lowercase()) {
                continue;
            }
            let keyword = info.kind().as_str();
            let literal = pair
                .value
                .as_ref()
                .is_some_and(|v| !v.value.is_empty() && !v.value.contains('$'));
            let what = if literal {
                format!(
                    "`{keyword} {}` writes a secret into the Dockerfile itself",
                    pair.key.value
                )
            } else {
                format!("`{keyword} {}` looks like a secret", pair.key.value)
            };
            out.push(Diagnostic::new(
                pair.key.span,
                format!(
                    "{what}: `ARG` and `ENV` values stay readable in the image history and configuration; pass it \
                     with a secret mount (`RUN --mount=type=secret,id=...`)."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::secret_name;
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_secret_names() {
        assert_eq!(
            lines(
                "DW5008",
                "FROM a\nARG GITHUB_TOKEN\nENV DB_PASSWORD=x AWS_SECRET_ACCESS_KEY=y\n"
            ),
            vec![2, 3, 3]
        );
    }

    #[test]
    fn leaves_names_dl3064_reports_to_it_when_it_runs() {
        let src = "FROM a\nARG NPM_TOKEN\nARG AWS_ACCESS_KEY_ID\n";
        let linted = crate::lint::lint(src, &crate::config::Config::default());
        let ours: Vec<_> = linted
            .findings
            .iter()
            .filter(|f| f.rule.code == "DW5008")
            .collect();
        assert_eq!(ours.len(), 1);
    }

    #[test]
    fn does_not_catch_other_names() {
        assert!(lines(
            "DW5008",
            "FROM a\nARG GPG_KEYS\nENV PUBLIC_KEY=x TOKENIZER=y KEYBOARD=z GPG_KEY=abc\n"
        )
        .is_empty());
    }

    #[test]
    fn splits_names_like_buildkit() {
        assert!(secret_name("api_key") && secret_name("passwd") && secret_name("Auth"));
        assert!(!secret_name("keys") && !secret_name("my_public_key") && !secret_name("author"));
    }
}
