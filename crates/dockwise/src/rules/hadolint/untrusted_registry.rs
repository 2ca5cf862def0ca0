//! DL3026: `FROM` an image outside the configured registries.

use crate::data::base_images::base_image_span;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2026",
    name: "untrusted-registry",
    category: Category::Security,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3026")],
    docs: rule_docs! {
        what: "When `trusted_registries` is configured, flags a `FROM` image from any other registry. Does \
               nothing without that setting. Entries may be patterns where `*` stands for any text (`*.gcr.io`), \
               as in hadolint.",
        why: "Teams that mirror and scan base images want every build to start from those copies: an image \
              pulled straight from elsewhere skips the checks and may vanish or change.",
        example: "# configuration: trusted_registries = [\"registry.example.com\"]\nFROM quay.io/prometheus/busybox:1.36\n",
        fixed: "# configuration: trusted_registries = [\"registry.example.com\"]\nFROM registry.example.com/prometheus/busybox:1.36\n",
        differences: "Images without a registry count as `docker.io` (so `docker.io` in the list allows them), as \
                      in hadolint; `FROM scratch` and stage references are never flagged.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let trusted: Vec<String> = ctx
        .config
        .trusted_registries
        .iter()
        .map(|r| r.to_ascii_lowercase())
        .collect();
    if trusted.is_empty() {
        return;
    }
    for stage in &ctx.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        let registry = image
            .registry
            .as_deref()
            .unwrap_or("docker.io")
            .to_ascii_lowercase();
        let allowed = trusted.iter().any(|t| {
            wildcard_match(t, &registry)
                || (t == "docker.io"
                    && matches!(
                        registry.as_str(),
                        "index.docker.io" | "registry-1.docker.io"
                    ))
        });
        if allowed {
            continue;
        }
        let Some(span) = base_image_span(ctx, stage) else {
            continue;
        };
        out.push(Diagnostic::new(
            span,
            format!(
                "`{}` comes from `{registry}`, which is not one of the trusted registries ({}); pull it through \
                 a trusted registry instead.",
                stage.base_resolved,
                trusted.join(", ")
            ),
        ));
    }
}

/// hadolint's registry patterns: `*` stands for any run of characters (`*.gcr.io` is every regional GCR).
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let Some((head, rest)) = pattern.split_once('*') else {
        return pattern == text;
    };
    let Some(mut remaining) = text.strip_prefix(head) else {
        return false;
    };
    let mut parts: Vec<&str> = rest.split('*').collect();
    let last = parts.pop().unwrap_or("");
    for part in parts {
        match remaining.find(part) {
            Some(at) => remaining = &remaining[at + part.len()..],
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last)
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::lint;
    use crate::rules::prelude::testing::lines;

    fn lines_with(trusted: &[&str], src: &str) -> Vec<usize> {
        let config = Config {
            trusted_registries: trusted.iter().map(|s| s.to_string()).collect(),
            ..Config::only("DW2026")
        };
        let index = dockwise_syntax::LineIndex::new(src);
        lint(src, &config)
            .findings
            .iter()
            .map(|f| index.line_col(src, f.diagnostic.span.start).line)
            .collect()
    }

    #[test]
    fn catches_an_image_from_another_registry() {
        assert_eq!(
            lines_with(&["ghcr.io"], "FROM quay.io/a/b:1\nFROM ghcr.io/a/b:1\n"),
            vec![1]
        );
    }

    #[test]
    fn trusts_registries_matching_a_pattern() {
        let src =
            "FROM eu.gcr.io/a/b:1\nFROM gcr.io/a/b:1\nFROM quay.io/a:1\nFROM evil.io/gcr.io:1\n";
        assert_eq!(lines_with(&["*.gcr.io"], src), vec![2, 3, 4]);
        assert!(lines_with(&["*"], src).is_empty());
        assert!(super::wildcard_match("a*b*c", "abc"));
        assert!(super::wildcard_match("a*bc", "abc"));
        assert!(!super::wildcard_match("ab*bc", "abc"));
    }

    #[test]
    fn counts_docker_hub_images_as_docker_io() {
        assert!(lines_with(&["docker.io"], "FROM ubuntu:24.04\n").is_empty());
        assert_eq!(lines_with(&["ghcr.io"], "FROM ubuntu:24.04\n"), vec![1]);
    }

    #[test]
    fn does_nothing_without_configuration() {
        assert!(lines("DW2026", "FROM quay.io/a/b:1\n").is_empty());
    }

    #[test]
    fn does_not_catch_scratch_or_stages() {
        assert!(lines_with(
            &["ghcr.io"],
            "FROM ghcr.io/a:1 AS x\nFROM x\nFROM scratch\n"
        )
        .is_empty());
    }
}
