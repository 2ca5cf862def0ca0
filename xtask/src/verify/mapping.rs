//! Mapping the base images a Dockerfile names (FROM, COPY --from=<image>) to stand-ins, for the test only: the
//! Dockerfile in the repository is never changed, a mapped copy is built.

use std::collections::HashMap;

/// Which stand-in plays `image` (by family and variant), or None when there is none.
pub fn standin_for(image: &str) -> Option<String> {
    let image = image.split('@').next().unwrap_or(image);
    let image = [
        "docker.io/library/",
        "docker.io/",
        "index.docker.io/library/",
        "library/",
    ]
    .iter()
    .find_map(|prefix| image.strip_prefix(prefix))
    .unwrap_or(image);
    let (name, tag) = match image.rfind(':') {
        Some(colon) if !image[colon..].contains('/') => (&image[..colon], &image[colon + 1..]),
        _ => (image, "latest"),
    };
    let alpine = tag.contains("alpine");
    let family = match name {
        "python" if alpine => "python-alpine",
        // Python 3.13 comes from Debian trixie; every other tag plays bookworm's 3.11 (README, "Build verification").
        "python" if tag.contains("slim") && tag.starts_with("3.13") => "python-slim-trixie",
        "python" if tag.contains("slim") => "python-slim",
        "python" => "python",
        "node" if alpine => "node-alpine",
        "node" => "node",
        "golang" if alpine => "golang-alpine",
        "golang" => "golang",
        "debian" | "ubuntu" | "buildpack-deps" => "debian",
        "alpine" => "alpine",
        "rust" if !alpine => "rust",
        "nginx" if alpine => "nginx-alpine",
        "nginx" => "nginx",
        _ => {
            let kind = name.strip_prefix("gcr.io/distroless/")?;
            if tag.contains("debug") {
                return None;
            }
            let base = if kind.starts_with("python3") {
                "distroless-python3"
            } else if kind.starts_with("static") {
                "distroless-static"
            } else if kind.starts_with("base") || kind.starts_with("cc") {
                "distroless-base"
            } else if kind.starts_with("nodejs") {
                "distroless-nodejs"
            } else {
                return None;
            };
            return Some(if tag.contains("nonroot") {
                format!("{base}-nonroot")
            } else {
                base.to_string()
            });
        }
    };
    Some(family.to_string())
}

/// `text` with every base image replaced by `resolve(stand-in name)`; an image with no stand-in is an error
/// naming `file` and the line.
pub fn map_dockerfile(
    file: &str,
    text: &str,
    mut resolve: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut args: HashMap<String, String> = HashMap::new();
    let mut stages: Vec<String> = Vec::new();
    let mut seen_from = false;
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let keyword = words
            .first()
            .map(|w| w.to_ascii_uppercase())
            .unwrap_or_default();
        let at = || format!("{file}:{}", index + 1);
        let mut mapped = line.to_string();
        if keyword == "ARG" && !seen_from {
            for word in &words[1..] {
                if let Some((name, value)) = word.split_once('=') {
                    args.insert(name.to_string(), value.trim_matches('"').to_string());
                }
            }
        } else if keyword == "FROM" {
            seen_from = true;
            let mut parts: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            let position = parts
                .iter()
                .skip(1)
                .position(|w| !w.starts_with("--"))
                .map(|p| p + 1)
                .ok_or_else(|| format!("{}: FROM without an image", at()))?;
            let image = expand(&parts[position], &args);
            if let Some(alias) = parts.iter().position(|w| w.eq_ignore_ascii_case("as")) {
                if let Some(name) = parts.get(alias + 1) {
                    stages.push(name.to_ascii_lowercase());
                }
            }
            if image != "scratch"
                && !stages
                    .iter()
                    .rev()
                    .skip(usize::from(has_alias(&parts)))
                    .any(|s| *s == image.to_ascii_lowercase())
            {
                let standin = standin_for(&image)
                    .ok_or_else(|| format!("{}: no stand-in base image for `{image}`", at()))?;
                parts[position] = resolve(&standin)?;
            }
            mapped = parts.join(" ");
        } else if keyword == "COPY" {
            let mut parts: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            for part in parts.iter_mut() {
                let Some(source) = part.strip_prefix("--from=") else {
                    continue;
                };
                let source = expand(source, &args);
                let is_stage = stages.contains(&source.to_ascii_lowercase())
                    || source.parse::<usize>().is_ok();
                if !is_stage {
                    let standin = standin_for(&source).ok_or_else(|| {
                        format!(
                            "{}: no stand-in base image for COPY --from=`{source}`",
                            at()
                        )
                    })?;
                    *part = format!("--from={}", resolve(&standin)?);
                }
            }
            mapped = parts.join(" ");
        }
        out.push_str(&mapped);
        out.push('\n');
    }
    Ok(out)
}

fn has_alias(parts: &[String]) -> bool {
    parts.iter().any(|w| w.eq_ignore_ascii_case("as"))
}

/// Expand `$NAME`, `${NAME}` and `${NAME:-default}` from the ARGs declared before the first FROM.
fn expand(word: &str, args: &HashMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = word;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (expr, tail) = if let Some(inner) = after.strip_prefix('{') {
            match inner.find('}') {
                Some(end) => (&inner[..end], &inner[end + 1..]),
                None => (inner, ""),
            }
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        let (name, default) = match expr.split_once(":-") {
            Some((name, default)) => (name, default),
            None => (expr, ""),
        };
        out.push_str(args.get(name).map(String::as_str).unwrap_or(default));
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_families_and_variants() {
        let cases = [
            ("python:3.12", "python"),
            ("python:3.12-slim-bookworm", "python-slim"),
            ("python:3.13-slim", "python-slim-trixie"),
            ("docker.io/library/python:3.11-alpine3.19", "python-alpine"),
            ("node:20-alpine", "node-alpine"),
            ("node:20-bookworm-slim", "node"),
            ("golang:1.22-alpine", "golang-alpine"),
            ("ubuntu:22.04", "debian"),
            ("nginx:1.27", "nginx"),
            ("nginx:1.27-alpine", "nginx-alpine"),
            ("gcr.io/distroless/python3-debian12", "distroless-python3"),
            (
                "gcr.io/distroless/static-debian12:nonroot",
                "distroless-static-nonroot",
            ),
            ("gcr.io/distroless/cc-debian12", "distroless-base"),
            ("gcr.io/distroless/nodejs22-debian12", "distroless-nodejs"),
            (
                "gcr.io/distroless/nodejs20-debian12:nonroot",
                "distroless-nodejs-nonroot",
            ),
        ];
        for (image, standin) in cases {
            assert_eq!(standin_for(image).as_deref(), Some(standin), "{image}");
            assert!(super::super::standins::exists(standin), "{standin}");
        }
        assert_eq!(
            standin_for("gcr.io/distroless/python3-debian12:debug"),
            None
        );
        assert_eq!(standin_for("mcr.microsoft.com/dotnet/aspnet:8.0"), None);
    }

    #[test]
    fn maps_from_and_copy_from_but_not_stages() {
        let text = "ARG PY=3.12\nFROM python:${PY}-slim AS build\nRUN true\nFROM build AS test\n\
                    FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /a /a\n\
                    COPY --from=nginx:1.27 /etc/nginx /etc/nginx\nFROM scratch\n";
        let mapped = map_dockerfile("Dockerfile", text, |s| Ok(format!("standin/{s}"))).unwrap();
        assert_eq!(
            mapped,
            "ARG PY=3.12\nFROM standin/python-slim AS build\nRUN true\nFROM build AS test\n\
             FROM standin/distroless-python3\nCOPY --from=build /a /a\n\
             COPY --from=standin/nginx /etc/nginx /etc/nginx\nFROM scratch\n"
        );
    }

    #[test]
    fn unknown_images_fail_naming_file_and_line() {
        let error = map_dockerfile(
            "x/Dockerfile",
            "FROM busybox\nFROM mcr.microsoft.com/dotnet/sdk:8.0\n",
            |s| Ok(s.to_string()),
        )
        .unwrap_err();
        assert!(error.contains("x/Dockerfile:1"), "{error}");
    }

    #[test]
    fn every_fixture_dockerfile_maps_to_stand_ins() {
        let root = crate::run::root().join("tests/builds");
        let fixtures = super::super::fixture::load_all(&root).unwrap();
        for fixture in &fixtures {
            for variant in &fixture.variants {
                let text = std::fs::read_to_string(fixture.dir.join(&variant.file)).unwrap();
                let label = format!("{}/{}", fixture.name, variant.file);
                map_dockerfile(&label, &text, |standin| {
                    assert!(
                        super::super::standins::exists(standin),
                        "{label}: {standin}"
                    );
                    Ok(standin.to_string())
                })
                .unwrap();
            }
        }
    }
}
