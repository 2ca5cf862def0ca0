//! Hover: the rule's docs on a finding; else what a known base image is (the dated table: size, the release a
//! tag points to, end of life); else what the instruction under the cursor does.

use crate::rules_cmd::markdown_rule;
use dockwise::data::{base_images, lifecycle};
use dockwise::model::ImageName;
use dockwise::review::Finding;
use dockwise::syntax::{Body, Item, Keyword, Span};

/// The Markdown to show at byte `offset` and the span it is about.
pub fn hover(source: &str, findings: &[Finding], offset: usize) -> Option<(String, Span)> {
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.start <= offset && offset <= f.end.max(f.start + 1))
        .collect();
    if let Some(first) = here.first() {
        let mut text = String::new();
        let mut span = Span::new(first.start, first.end);
        let mut shown: Vec<&str> = Vec::new();
        for f in &here {
            span = Span::new(span.start.max(f.start), span.end.min(f.end).max(span.start));
            if shown.contains(&f.rule) {
                continue;
            }
            shown.push(f.rule);
            if let Some(rule) = dockwise::rules::find(f.rule) {
                if !text.is_empty() {
                    text.push_str("\n---\n\n");
                }
                text.push_str(&format!("**{}**\n\n", f.message));
                text.push_str(&markdown_rule(rule, 3));
            }
        }
        return Some((text, span));
    }
    let (file, _) = dockwise::syntax::parse(source);
    let instruction = file.items.iter().find_map(|item| match item {
        Item::Instruction(i) if i.span.contains(offset) => Some(i),
        _ => None,
    })?;
    if let Body::From(from) = &instruction.body {
        let image = &from.image;
        if image.span.start <= offset && offset <= image.span.end {
            if let Some(text) = base_image(&image.value) {
                return Some((text, image.span));
            }
        }
    }
    let k = instruction.keyword;
    (k.start <= offset && offset <= k.end).then(|| (keyword(instruction.kind), k))
}

/// What the dated table knows of an image reference, in Markdown.
pub fn base_image(reference: &str) -> Option<String> {
    let image = ImageName::parse(reference);
    let entry = base_images::lookup(&image)?;
    let tag = image.tag.clone().unwrap_or_else(|| "latest".into());
    let mut out = format!("**{}** (official image)\n\n", entry.repository);
    let pinned = base_images::pinned_tag(&image);
    match &pinned {
        Some(p) => out.push_str(&format!(
            "- `{tag}` is a floating tag: it pointed to `{p}` when the table was made\n"
        )),
        None if image.digest.is_some() => out.push_str("- pinned by digest\n"),
        None => {}
    }
    if let Some(size) = base_images::size_mb(&image) {
        out.push_str(&format!("- about {size} MB compressed (linux/amd64)\n"));
    }
    let sizes = entry.size_mb;
    let mut variants = vec![format!("full {} MB", sizes.full)];
    if let Some(s) = sizes.slim {
        variants.push(format!("slim {s} MB"));
    }
    if let Some(s) = sizes.alpine {
        variants.push(format!("alpine {s} MB"));
    }
    out.push_str(&format!("- variants: {}\n", variants.join(", ")));
    // The release line: from the pinned tag when floating, else the tag's version part.
    let resolved = pinned.as_deref().unwrap_or(&tag);
    let version = resolved.split('-').next().unwrap_or("");
    let version = if version.is_empty() || version == "latest" {
        entry.latest
    } else {
        version
    };
    if let Some(line) = lifecycle::line_of(entry.repository, version) {
        let status = if line.eol <= lifecycle::DATA_DATE {
            "**ended**"
        } else if line.expected {
            "expected"
        } else {
            "until"
        };
        out.push_str(&format!(
            "- release line {}: support {status} {}\n",
            line.line, line.eol
        ));
    }
    out.push_str(&format!(
        "\n_Reference data of {}; sizes are approximate._\n",
        lifecycle::DATA_DATE
    ));
    Some(out)
}

/// A short explanation of each instruction.
pub fn keyword(kind: Keyword) -> String {
    let (name, what) = match kind {
        Keyword::Add => ("ADD", "Copies files, URLs or archives into the image; local tar archives are extracted. Prefer `COPY` unless you need that."),
        Keyword::Arg => ("ARG", "Declares a build argument (`--build-arg`), visible during the build only; not kept in the image's environment."),
        Keyword::Cmd => ("CMD", "The default command (or the default arguments of `ENTRYPOINT`) when the container starts. The last one wins; prefer the exec form `[\"...\"]`."),
        Keyword::Copy => ("COPY", "Copies files from the build context (or another stage with `--from`) into the image. Each `COPY` is a layer; copy dependency manifests before sources to keep the install cached."),
        Keyword::Entrypoint => ("ENTRYPOINT", "The executable the container runs; `CMD` supplies its default arguments. Prefer the exec form so signals reach the process."),
        Keyword::Env => ("ENV", "Sets environment variables for later instructions and the running container."),
        Keyword::Expose => ("EXPOSE", "Documents the ports the container listens on (it publishes nothing by itself)."),
        Keyword::From => ("FROM", "Starts a build stage from a base image; `AS name` names the stage for `COPY --from`. Pin the tag (or digest) to make builds reproducible."),
        Keyword::Healthcheck => ("HEALTHCHECK", "How the runtime checks that the container still works (`CMD ...`), or `NONE` to disable the base image's check."),
        Keyword::Label => ("LABEL", "Adds metadata to the image (`org.opencontainers.image.*` keys are the standard ones)."),
        Keyword::Maintainer => ("MAINTAINER", "Deprecated: use `LABEL org.opencontainers.image.authors=...`."),
        Keyword::Onbuild => ("ONBUILD", "An instruction that runs later, when another Dockerfile uses this image as its base."),
        Keyword::Run => ("RUN", "Runs a command at build time and keeps its file changes as a layer. Clean caches in the same `RUN` that makes them."),
        Keyword::Shell => ("SHELL", "The shell the shell forms of `RUN`, `CMD` and `ENTRYPOINT` use (default `[\"/bin/sh\", \"-c\"]`)."),
        Keyword::Stopsignal => ("STOPSIGNAL", "The signal sent to stop the container (default `SIGTERM`)."),
        Keyword::User => ("USER", "The user (and group) later instructions and the container run as. Run the final stage as a non-root user."),
        Keyword::Volume => ("VOLUME", "Declares a mount point; changes made to it by later build steps are discarded."),
        Keyword::Workdir => ("WORKDIR", "Sets the working directory for later instructions and the container, creating it if needed. Use an absolute path."),
    };
    format!("**{name}**\n\n{what}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_image_shows_its_size_and_release_line() {
        let text = base_image("python:3.8-slim").expect("python is in the table");
        assert!(text.contains("**python**"), "{text}");
        assert!(
            text.contains("release line 3.8: support **ended**"),
            "{text}"
        );
        assert!(text.contains("MB"), "{text}");
        assert!(base_image("example.com/mine:1").is_none());
    }

    #[test]
    fn hover_prefers_findings_then_the_image_then_the_keyword() {
        let source = "FROM python:latest\nRUN echo hi\n";
        let review = dockwise::review_findings(source, &dockwise::Config::default());
        let on_tag = source.find("latest").unwrap();
        let (text, _) = hover(source, &review.findings, on_tag).unwrap();
        assert!(text.contains("DW2007 image-latest-tag"), "{text}");
        let run = source.find("RUN").unwrap() + 1;
        let (text, span) = hover(source, &review.findings, run).unwrap();
        assert!(text.contains("**RUN**"), "{text}");
        assert_eq!(span.text(source), "RUN");
        let (text, _) = hover(source, &[], 6).unwrap();
        assert!(text.contains("**python**"), "{text}");
    }
}
