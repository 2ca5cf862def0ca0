//! Credentials with a recognisable format written into the Dockerfile (AWS keys, GitHub tokens, private keys).

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5009",
    name: "hardcoded-credential",
    category: Category::Security,
    severity: Severity::Error,
    docs: rule_docs! {
        what: "Flags credentials with a recognisable format anywhere in an instruction: AWS access key ids \
               (`AKIA...`), GitHub tokens (`ghp_...`, `github_pat_...`), GitLab tokens (`glpat-...`), Slack \
               tokens (`xoxb-...`), Stripe live keys (`sk_live_...`), Google API keys (`AIza...`) and PEM private \
               keys (`-----BEGIN ... PRIVATE KEY-----`).",
        why: "The Dockerfile and the image history keep the credential for anyone who can read the repository \
              or pull the image; it has to be revoked, not just removed.",
        example: "FROM amazon/aws-cli:2.17.0\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",
        fixed: "FROM amazon/aws-cli:2.17.0\nRUN --mount=type=secret,id=aws,target=/root/.aws/credentials aws s3 ls\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// `(prefix, allowed body bytes, minimum body length, maximum body length)`.
type Format = (&'static str, fn(u8) -> bool, usize, usize);

const FORMATS: &[Format] = &[
    (
        "AKIA",
        |b| b.is_ascii_uppercase() || b.is_ascii_digit(),
        16,
        16,
    ),
    (
        "ASIA",
        |b| b.is_ascii_uppercase() || b.is_ascii_digit(),
        16,
        16,
    ),
    ("ghp_", is_alnum, 36, 36),
    ("gho_", is_alnum, 36, 36),
    ("ghu_", is_alnum, 36, 36),
    ("ghs_", is_alnum, 36, 36),
    ("ghr_", is_alnum, 36, 36),
    ("github_pat_", |b| is_alnum(b) || b == b'_', 22, 255),
    ("glpat-", |b| is_alnum(b) || b == b'_' || b == b'-', 20, 20),
    ("xoxb-", |b| is_alnum(b) || b == b'-', 10, 255),
    ("xoxp-", |b| is_alnum(b) || b == b'-', 10, 255),
    ("xoxa-", |b| is_alnum(b) || b == b'-', 10, 255),
    ("sk_live_", is_alnum, 16, 255),
    ("rk_live_", is_alnum, 16, 255),
    ("AIza", |b| is_alnum(b) || b == b'_' || b == b'-', 35, 35),
];

/// Byte ranges of recognised credentials in `text`, in order. One pass: only bytes that begin a format
/// (`A`, `g`, `x`, `s`, `r` at the start of a token, `-`) are looked at further.
pub fn find_credentials(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    for (start, &byte) in b.iter().enumerate() {
        if byte == b'-' {
            let rest = &text[start..];
            if rest.starts_with("-----BEGIN ") {
                let line = rest.split('\n').next().unwrap_or(rest);
                if let Some(end) = line.find("PRIVATE KEY-----") {
                    found.push((start, start + end + 16));
                }
            }
            continue;
        }
        // Tokens start after a byte that cannot be part of them: most letters are inside words.
        if !matches!(byte, b'A' | b'g' | b'x' | b's' | b'r')
            || (start > 0 && (is_alnum(b[start - 1]) || b[start - 1] == b'_'))
        {
            continue;
        }
        let rest = &text[start..];
        let Some(&(prefix, allowed, min, max)) = FORMATS.iter().find(|f| rest.starts_with(f.0))
        else {
            continue;
        };
        let from = start + prefix.len();
        let body = b[from..].iter().take_while(|&&c| allowed(c)).count();
        let boundary = b.get(from + body).is_none_or(|&c| !is_alnum(c));
        if body >= min && body <= max && boundary {
            found.push((start, from + body));
        }
    }
    found
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        let span = Span::new(info.node.keyword.start, info.node.span.end);
        let text = ctx.text(span);
        for (start, end) in find_credentials(text) {
            out.push(Diagnostic::new(
                Span::new(span.start + start, span.start + end),
                "This looks like a real credential written into the Dockerfile: it stays in the repository and \
                 the image history; revoke it, then pass it with a build secret (`--mount=type=secret`) or at run \
                 time.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find_credentials;
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_recognisable_credentials() {
        let src = "FROM a\nARG T=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n\
                   RUN echo '-----BEGIN RSA PRIVATE KEY-----' > k\n";
        assert_eq!(lines("DW5009", src), vec![2, 3]);
    }

    #[test]
    fn does_not_catch_look_alikes() {
        let src = "FROM a\nENV KEY=AKIA123 NAME=XAKIAIOSFODNN7EXAMPLE\nRUN echo '-----BEGIN PUBLIC KEY-----'\n";
        assert!(lines("DW5009", src).is_empty());
    }

    #[test]
    fn finds_every_format_in_one_pass_in_order() {
        let gh = format!("ghp_{}", "a".repeat(36));
        let text = format!(
            "K=xoxb-1234567890 T={gh} -----BEGIN EC PRIVATE KEY----- A=AKIAIOSFODNN7EXAMPLE,{gh}x"
        );
        let found: Vec<&str> = find_credentials(&text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            found,
            [
                "xoxb-1234567890",
                gh.as_str(),
                "-----BEGIN EC PRIVATE KEY-----",
                "AKIAIOSFODNN7EXAMPLE"
            ]
        );
    }

    #[test]
    fn finds_token_boundaries() {
        assert_eq!(find_credentials("x=AKIAIOSFODNN7EXAMPLE;"), vec![(2, 22)]);
        assert!(find_credentials("AKIAIOSFODNN7EXAMPLEX").is_empty());
    }
}
