//! A dated table of official base images: which tags float, the specific release each floating tag pointed to
//! when the table was last verified, and approximate compressed sizes of the full, slim and alpine variants.
//!
//! The table goes stale: a pin suggested from it is a known-good release, not necessarily the newest one. The
//! fix message says so and recommends pinning by digest (`@sha256:...`) for fully reproducible builds.

use crate::context::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::model::{Base, ImageName, Stage};
use dockwise_syntax::{Body, Span};

/// When the releases and sizes below were last reviewed: the date of the dated source list
/// ([`super::lifecycle`], which says per family where each fact comes from and when it was verified).
pub const LAST_VERIFIED: &str = super::lifecycle::DATA_DATE;

/// One official image repository.
#[derive(Debug)]
pub struct BaseImage {
    /// Repository as written on Docker Hub (`python`) or with its registry (`gcr.io/distroless/static-debian12`).
    pub repository: &'static str,
    /// Floating version tags and the specific release each resolved to, sorted by floating tag.
    pub releases: &'static [(&'static str, &'static str)],
    /// The release a variant-only tag (`slim`, `alpine`) or the bare repository means (`latest`).
    pub latest: &'static str,
    /// Tag suffixes (after the version) this repository publishes for its releases, `""` for the plain one.
    pub suffixes: &'static [&'static str],
    /// Suffix the pinned tag gets when the floating tag had none (`-jdk` for Temurin), usually `""`.
    pub bare_suffix: &'static str,
    /// The suffix of the slim Debian variant, when there is one.
    pub slim: Option<&'static str>,
    /// Approximate compressed size in MB (linux/amd64): full, slim, alpine variants.
    pub size_mb: Sizes,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Sizes {
    pub full: u32,
    pub slim: Option<u32>,
    pub alpine: Option<u32>,
}

const fn sizes(full: u32, slim: Option<u32>, alpine: Option<u32>) -> Sizes {
    Sizes { full, slim, alpine }
}

/// Debian release code names used in tag suffixes.
pub const DEBIAN_CODENAMES: [&str; 5] = ["bookworm", "bullseye", "buster", "trixie", "stretch"];

/// Sorted by repository.
pub static TABLE: &[BaseImage] = &[
    BaseImage {
        repository: "alpine",
        releases: &[("3", "3.22.2")],
        latest: "3.22.2",
        suffixes: &[""],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(4, None, Some(4)),
    },
    BaseImage {
        repository: "debian",
        releases: &[("stable", "13.1")],
        latest: "13.1",
        suffixes: &["", "-slim"],
        bare_suffix: "",
        slim: Some("-slim"),
        size_mb: sizes(49, Some(29), None),
    },
    BaseImage {
        repository: "eclipse-temurin",
        releases: &[("11", "11.0.26_4"), ("17", "17.0.14_7"), ("21", "21.0.6_7")],
        latest: "21.0.6_7",
        suffixes: &[
            "",
            "-jdk",
            "-jre",
            "-jdk-alpine",
            "-jre-alpine",
            "-jdk-jammy",
            "-jre-jammy",
            "-jdk-noble",
            "-jre-noble",
        ],
        bare_suffix: "-jdk",
        slim: None,
        size_mb: sizes(200, Some(95), Some(70)),
    },
    BaseImage {
        repository: "gcr.io/distroless/base-debian12",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(21, None, None),
    },
    BaseImage {
        repository: "gcr.io/distroless/cc-debian12",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(23, None, None),
    },
    BaseImage {
        repository: "gcr.io/distroless/java21-debian12",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(100, None, None),
    },
    BaseImage {
        repository: "gcr.io/distroless/nodejs22-debian12",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(60, None, None),
    },
    BaseImage {
        repository: "gcr.io/distroless/python3-debian11",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(50, None, None),
    },
    BaseImage {
        repository: "gcr.io/distroless/python3-debian12",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(52, None, None),
    },
    BaseImage {
        repository: "gcr.io/distroless/python3-debian13",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(50, None, None),
    },
    BaseImage {
        repository: "gcr.io/distroless/static-debian12",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(2, None, None),
    },
    BaseImage {
        repository: "gcr.io/distroless/static-debian13",
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(2, None, None),
    },
    BaseImage {
        repository: "golang",
        // Go 1.25 leaves support in August 2026; 1.26 (February 2026) is pinned by its line, its patch releases
        // were not confirmed in the review (see lifecycle.rs).
        releases: &[("1", "1.26")],
        latest: "1.26",
        suffixes: &["", "-alpine", "-trixie", "-bookworm", "-bullseye"],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(300, None, Some(100)),
    },
    BaseImage {
        repository: "nginx",
        releases: &[
            ("1", "1.29.1"),
            ("mainline", "1.29.1"),
            ("stable", "1.28.0"),
        ],
        latest: "1.29.1",
        suffixes: &[
            "",
            "-alpine",
            "-alpine-slim",
            "-trixie",
            "-bookworm",
            "-perl",
            "-alpine-perl",
        ],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(70, None, Some(21)),
    },
    BaseImage {
        repository: "node",
        // Even (LTS) lines in support only: 18 ended 2025-04-30, 20 on 2026-04-30, odd releases are never LTS.
        releases: &[
            ("22", "22.20.0"),
            ("24", "24.11.0"),
            ("jod", "22.20.0"),
            ("krypton", "24.11.0"),
            ("lts", "24.11.0"),
        ],
        latest: "24.11.0",
        suffixes: &[
            "",
            "-slim",
            "-alpine",
            "-trixie",
            "-trixie-slim",
            "-bookworm",
            "-bookworm-slim",
            "-bullseye",
            "-bullseye-slim",
        ],
        bare_suffix: "",
        slim: Some("-slim"),
        size_mb: sizes(400, Some(78), Some(57)),
    },
    BaseImage {
        repository: "openjdk",
        // Deprecated upstream: no new releases to pin to; the message points to eclipse-temurin instead.
        releases: &[],
        latest: "",
        suffixes: &[],
        bare_suffix: "",
        slim: Some("-slim"),
        size_mb: sizes(330, Some(220), None),
    },
    BaseImage {
        repository: "php",
        releases: &[("8", "8.4.6")],
        latest: "8.4.6",
        suffixes: &[
            "",
            "-cli",
            "-fpm",
            "-apache",
            "-alpine",
            "-cli-alpine",
            "-fpm-alpine",
            "-bookworm",
            "-cli-bookworm",
            "-fpm-bookworm",
            "-apache-bookworm",
        ],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(190, None, Some(35)),
    },
    BaseImage {
        repository: "python",
        releases: &[("3", "3.14.0")],
        latest: "3.14.0",
        suffixes: &[
            "",
            "-slim",
            "-alpine",
            "-trixie",
            "-slim-trixie",
            "-bookworm",
            "-slim-bookworm",
            "-bullseye",
            "-slim-bullseye",
        ],
        bare_suffix: "",
        slim: Some("-slim"),
        size_mb: sizes(390, Some(45), Some(20)),
    },
    BaseImage {
        repository: "ruby",
        releases: &[("3", "3.4.3")],
        latest: "3.4.3",
        suffixes: &[
            "",
            "-slim",
            "-alpine",
            "-bookworm",
            "-slim-bookworm",
            "-bullseye",
            "-slim-bullseye",
        ],
        bare_suffix: "",
        slim: Some("-slim"),
        size_mb: sizes(380, Some(70), Some(45)),
    },
    BaseImage {
        repository: "rust",
        releases: &[("1", "1.90.0")],
        latest: "1.90.0",
        suffixes: &[
            "",
            "-slim",
            "-alpine",
            "-trixie",
            "-slim-trixie",
            "-bookworm",
            "-slim-bookworm",
            "-bullseye",
            "-slim-bullseye",
        ],
        bare_suffix: "",
        slim: Some("-slim"),
        size_mb: sizes(560, Some(270), Some(300)),
    },
    BaseImage {
        repository: "ubuntu",
        // Interim releases (`rolling`, `devel`) are never pinned: LTS only. 26.04 is expected, not yet confirmed.
        releases: &[],
        latest: "24.04",
        suffixes: &[""],
        bare_suffix: "",
        slim: None,
        size_mb: sizes(30, None, None),
    },
];

/// The table entry for an image, by repository (Docker Hub's `library/` prefix ignored; other registries must
/// match exactly).
pub fn lookup(image: &ImageName) -> Option<&'static BaseImage> {
    let key = match &image.registry {
        None => image.repository(),
        Some(r) if r == "docker.io" || r == "index.docker.io" => image.repository(),
        Some(r) => format!(
            "{}/{}",
            r.to_ascii_lowercase(),
            image.name.to_ascii_lowercase()
        ),
    };
    TABLE
        .binary_search_by(|entry| entry.repository.cmp(key.as_str()))
        .ok()
        .and_then(|i| TABLE.get(i))
}

/// A tag split into its version part and its variant suffix (`3.12-slim` → (`3.12`, `-slim`)). Variant-only tags
/// (`slim`, `alpine`) give an empty version and the suffix with a leading dash.
fn split_tag<'t>(entry: &BaseImage, tag: &'t str) -> (&'t str, String) {
    if entry
        .suffixes
        .iter()
        .any(|s| !s.is_empty() && s.get(1..) == Some(tag))
    {
        return ("", format!("-{tag}"));
    }
    match tag.find('-') {
        Some(i) => (&tag[..i], tag[i..].to_string()),
        None => (tag, String::new()),
    }
}

/// What a floating tag is pinned to, when the table knows: `python:3-slim` → `3.14.0-slim`. `None` for tags that
/// are already specific, unknown repositories or suffixes, and images published only by digest.
pub fn pinned_tag(image: &ImageName) -> Option<String> {
    let entry = lookup(image)?;
    if entry.latest.is_empty() {
        return None;
    }
    let tag = image.tag.as_deref().unwrap_or("latest");
    if tag == "latest" {
        return Some(format!("{}{}", entry.latest, entry.bare_suffix));
    }
    if let Some((_, pinned)) = entry.releases.iter().find(|(floating, _)| *floating == tag) {
        return Some(format!(
            "{pinned}{}",
            if pinned.contains('-') {
                ""
            } else {
                entry.bare_suffix
            }
        ));
    }
    let (version, suffix) = split_tag(entry, tag);
    if !entry.suffixes.contains(&suffix.as_str()) {
        return None;
    }
    let release = if version.is_empty() || version == "latest" {
        entry.latest
    } else {
        entry
            .releases
            .iter()
            .find(|(floating, _)| *floating == version)?
            .1
    };
    let suffix = if suffix.is_empty() {
        entry.bare_suffix.to_string()
    } else {
        suffix
    };
    Some(format!("{release}{suffix}"))
}

/// True when the tag moves to new major or minor releases: no tag, `latest`, a major-only version (`python:3`,
/// `node:20`), a channel (`node:lts`, `nginx:stable`) or a variant-only tag (`python:slim`).
pub fn is_floating(image: &ImageName) -> bool {
    if image.digest.is_some() {
        return false;
    }
    let Some(entry) = lookup(image) else {
        return false;
    };
    if entry.latest.is_empty() {
        return false;
    }
    match image.tag.as_deref() {
        None | Some("latest") => true,
        Some(_) => pinned_tag(image).is_some(),
    }
}

/// The size of the image's variant, in MB (approximate, compressed), when the table knows the repository.
pub fn size_mb(image: &ImageName) -> Option<u32> {
    let entry = lookup(image)?;
    let tag = image.tag.as_deref().unwrap_or("");
    let s = entry.size_mb;
    if tag.contains("alpine") {
        return s.alpine.or(Some(s.full));
    }
    if tag.contains("slim") || tag.contains("-jre") || tag == "jre" {
        return s.slim.or(Some(s.full));
    }
    Some(s.full)
}

/// Where a stage's base image is written: the image word of its `FROM` (the keyword for a `FROM` without one).
/// Shared by the rules that report on the base image itself (DL3006, DL3007, DL3026), so they point at the same
/// word. `None` when the stage's `FROM` is not in the model.
pub fn base_image_span(ctx: &Context, stage: &Stage) -> Option<Span> {
    let from = ctx.instructions.get(stage.from)?.node;
    Some(match &from.body {
        Body::From(f) => f.image.span,
        _ => from.keyword,
    })
}

/// `diagnostic` with [`pin_fix`] attached when the table has a pin for the stage's base image (DW1004, DL3006,
/// DL3007 all offer the same fix).
pub fn with_pin_fix(ctx: &Context, stage: &Stage, diagnostic: Diagnostic) -> Diagnostic {
    match pin_fix(ctx, stage) {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    }
}

/// The unsafe fix that pins a stage's floating base image to the table's release (shared by DW1004, DL3006 and
/// DL3007). `None` when the `FROM` is written with variables, already has a digest, or the table has no pin.
pub fn pin_fix(ctx: &Context, stage: &Stage) -> Option<Fix> {
    let Base::Image(image) = &stage.base else {
        return None;
    };
    if image.digest.is_some() {
        return None;
    }
    let from = ctx.instructions.get(stage.from)?.node;
    let Body::From(body) = &from.body else {
        return None;
    };
    let reference = body.reference.as_ref()?;
    if reference.has_variables || body.image.value.contains('$') {
        return None;
    }
    let pinned = pinned_tag(image)?;
    let edit = match &reference.tag {
        Some(tag) => Edit::replace(tag.span, pinned.clone()),
        None => Edit::insert(reference.name.span.end, format!(":{pinned}")),
    };
    let repository = image.repository();
    let verified = pins_verified(&repository);
    let stale = if verified < LAST_VERIFIED {
        format!(
            " That pin was not re-checked in the {LAST_VERIFIED} review: newer patch releases with security fixes \
             have likely come out since; look one up before pinning."
        )
    } else {
        " Check for a newer patch release.".to_string()
    };
    Some(
        Fix::unsafe_(format!("Pin the base image to {repository}:{pinned}"), vec![edit]).explained(format!(
            "The base image is pinned to {repository}:{pinned}, the release its tag pointed to on {verified} \
             (Dockwise's embedded table).{stale} Pin the digest too (`@sha256:...`) for fully reproducible builds."
        )),
    )
}

/// When the table's pins for `repository` were last verified: its family's own date for families the dated
/// review did not re-check (Temurin, PHP, Ruby: [`super::lifecycle::PIN_ONLY`]), else the data date.
fn pins_verified(repository: &str) -> &'static str {
    super::lifecycle::PIN_ONLY
        .iter()
        .find(|p| p.family == repository)
        .map_or(LAST_VERIFIED, |p| p.verified)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin(reference: &str) -> Option<String> {
        pinned_tag(&ImageName::parse(reference))
    }

    #[test]
    fn table_is_sorted_and_well_formed() {
        assert!(
            TABLE.windows(2).all(|w| w[0].repository < w[1].repository),
            "TABLE must be sorted by repository"
        );
        for entry in TABLE {
            assert!(
                entry.releases.windows(2).all(|w| w[0].0 < w[1].0),
                "{} releases unsorted",
                entry.repository
            );
            assert!(entry.size_mb.full > 0, "{} has no size", entry.repository);
            for suffix in entry.suffixes {
                assert!(
                    suffix.is_empty() || (suffix.starts_with('-') && !suffix.ends_with('-')),
                    "{suffix}"
                );
                assert!(!suffix.contains(' '));
            }
            for (floating, pinned) in entry.releases {
                assert!(
                    !floating.is_empty() && !pinned.is_empty(),
                    "{}",
                    entry.repository
                );
                assert!(
                    pinned.starts_with(|c: char| c.is_ascii_digit()),
                    "{} {pinned}",
                    entry.repository
                );
                // Every floating tag resolves, alone and with each published suffix.
                let image = ImageName::parse(&format!("{}:{floating}", entry.repository));
                assert!(
                    is_floating(&image),
                    "{}:{floating} should float",
                    entry.repository
                );
                for suffix in entry.suffixes.iter().filter(|s| !s.is_empty()) {
                    let image =
                        ImageName::parse(&format!("{}:{floating}{suffix}", entry.repository));
                    let pinned = pinned_tag(&image);
                    assert!(
                        pinned.as_deref().is_some_and(|p| p.ends_with(suffix)),
                        "{image}"
                    );
                }
            }
            if !entry.latest.is_empty() {
                assert!(
                    entry.latest.starts_with(|c: char| c.is_ascii_digit()),
                    "{}",
                    entry.repository
                );
                // A pinned tag never floats again (the fix converges).
                let image = ImageName::parse(&format!("{}:{}", entry.repository, entry.latest));
                assert!(!is_floating(&image), "{image} must not float");
            }
        }
        assert!(LAST_VERIFIED.len() == 10 && LAST_VERIFIED.starts_with("20"));
    }

    #[test]
    fn pins_major_only_channel_and_variant_only_tags() {
        assert_eq!(pin("python:3").as_deref(), Some("3.14.0"));
        assert_eq!(pin("python:3-slim").as_deref(), Some("3.14.0-slim"));
        assert_eq!(pin("python:slim").as_deref(), Some("3.14.0-slim"));
        assert_eq!(pin("node:lts-alpine").as_deref(), Some("24.11.0-alpine"));
        assert_eq!(
            pin("node:22-bookworm-slim").as_deref(),
            Some("22.20.0-bookworm-slim")
        );
        assert_eq!(pin("eclipse-temurin:21").as_deref(), Some("21.0.6_7-jdk"));
        assert_eq!(
            pin("eclipse-temurin:17-jre-alpine").as_deref(),
            Some("17.0.14_7-jre-alpine")
        );
        assert_eq!(pin("library/alpine").as_deref(), Some("3.22.2"));
        assert_eq!(
            pin("docker.io/library/golang:1-alpine").as_deref(),
            Some("1.26-alpine")
        );
    }

    #[test]
    fn does_not_pin_specific_or_unknown_tags() {
        assert_eq!(pin("python:3.12-slim"), None);
        assert_eq!(pin("node:20.11.1"), None);
        assert_eq!(pin("alpine:3.20"), None);
        assert_eq!(pin("python:3-weird"), None);
        assert_eq!(pin("myorg/python:3"), None);
        assert_eq!(pin("gcr.io/distroless/static-debian12"), None);
        assert!(!is_floating(&ImageName::parse("python:3@sha256:abc")));
    }

    #[test]
    fn sizes_follow_the_variant() {
        assert_eq!(size_mb(&ImageName::parse("python:3.12")), Some(390));
        assert_eq!(size_mb(&ImageName::parse("python:3.12-slim")), Some(45));
        assert_eq!(size_mb(&ImageName::parse("python:3.12-alpine")), Some(20));
        assert_eq!(size_mb(&ImageName::parse("golang:1.22-alpine")), Some(100));
        assert_eq!(
            size_mb(&ImageName::parse("gcr.io/distroless/static-debian12")),
            Some(2)
        );
        assert_eq!(size_mb(&ImageName::parse("unknown/thing")), None);
    }

    /// The Temurin pins date from 2025-04-30: the fix said they were what the tag meant on the data date.
    #[test]
    fn a_pin_not_re_checked_says_when_it_was_verified() {
        let source = "FROM eclipse-temurin:21-jre\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n";
        let findings = crate::lint::lint(source, &crate::Config::default()).findings;
        let fix = findings
            .iter()
            .find_map(|f| {
                f.diagnostic
                    .fix
                    .as_ref()
                    .filter(|x| x.title.starts_with("Pin the base image"))
            })
            .expect("a pin fix");
        assert!(
            fix.explanation.contains("on 2025-04-30") && fix.explanation.contains("not re-checked"),
            "{}",
            fix.explanation
        );
        assert_eq!(pins_verified("python"), LAST_VERIFIED);
    }
}
