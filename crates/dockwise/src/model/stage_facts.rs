//! What each stage *is*, from its base image and the dated data: libc, distribution release, language runtime and
//! version, shell, package manager, default user. The rules that compare the two ends of a `COPY --from` (or a
//! stage and its runtime command) read this, never the image name.
//!
//! Every fact is optional: `None` means "not known from the name", and rules stay silent on unknowns.

use super::{Base, ImageName, Model, Stage};
use crate::data::base_images;
use crate::data::lifecycle::{compare_versions, line_of, LINES};

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Libc {
    Glibc,
    Musl,
}

impl Libc {
    pub fn as_str(self) -> &'static str {
        match self {
            Libc::Glibc => "glibc",
            Libc::Musl => "musl",
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Language {
    Python,
    Node,
    Go,
    Rust,
    Java,
    Ruby,
    Php,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Python => "Python",
            Language::Node => "Node.js",
            Language::Go => "Go",
            Language::Rust => "Rust",
            Language::Java => "Java",
            Language::Ruby => "Ruby",
            Language::Php => "PHP",
        }
    }
}

/// A language runtime and its version line (`3.11`, `22`, `1.26`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Runtime {
    pub language: Language,
    pub version: String,
}

/// A distribution and its release (`Debian 12`, `Alpine 3.19`; release empty when the tag does not say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Os {
    pub name: &'static str,
    pub release: String,
}

/// A user an image defines: name and numeric id.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ImageUser {
    pub name: &'static str,
    pub uid: u32,
}

const ROOT: ImageUser = ImageUser {
    name: "root",
    uid: 0,
};
const NONROOT: ImageUser = ImageUser {
    name: "nonroot",
    uid: 65532,
};
const NODE: ImageUser = ImageUser {
    name: "node",
    uid: 1000,
};

/// What a stage's base provides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageFacts {
    /// `None` for scratch and `distroless/static` (no libc at all) or unknown images.
    pub libc: Option<Libc>,
    pub os: Option<Os>,
    pub runtime: Option<Runtime>,
    /// `/bin/sh` present.
    pub shell: Option<bool>,
    /// apt, apk or dnf present.
    pub package_manager: Option<bool>,
    /// A C compiler present (cgo builds, native wheels and addons).
    pub c_toolchain: Option<bool>,
    /// The user the image runs as.
    pub default_user: Option<ImageUser>,
    /// A non-root user the image ships for the app (`node` 1000, distroless `nonroot` 65532).
    pub app_user: Option<ImageUser>,
    /// A Google distroless image (`gcr.io/distroless/...`).
    pub distroless: bool,
    /// A distroless `:debug` tag (busybox shell added).
    pub debug: bool,
    /// No files at all (`scratch`) or no libc (`distroless/static`): only static binaries run.
    pub static_only: bool,
    /// The image's own entrypoint, when it has one (`/usr/bin/python3.11` for distroless Python).
    pub entrypoint: Option<&'static str>,
    /// The directory the image's `WORKDIR` leaves a stage in (`/` when it sets none), when known.
    pub workdir: Option<&'static str>,
}

impl StageFacts {
    /// `Python 3.11 (musl)`, `glibc`, `Debian 12`: the facts a finding names, most specific first.
    pub fn runtime_label(&self) -> String {
        let libc = self.libc.map(Libc::as_str);
        match (&self.runtime, libc) {
            (Some(r), Some(l)) if r.version.is_empty() => format!("{} ({l})", r.language.as_str()),
            (Some(r), Some(l)) => format!("{} {} ({l})", r.language.as_str(), r.version),
            (Some(r), None) if r.version.is_empty() => r.language.as_str().to_string(),
            (Some(r), None) => format!("{} {}", r.language.as_str(), r.version),
            (None, Some(l)) => self
                .os
                .as_ref()
                .map_or_else(|| l.to_string(), |os| format!("{} ({l})", os.label())),
            (None, None) if self.static_only => "no libc".to_string(),
            (None, None) => "an unknown image".to_string(),
        }
    }

    pub fn python(&self) -> Option<&str> {
        self.runtime
            .as_ref()
            .filter(|r| r.language == Language::Python)
            .map(|r| r.version.as_str())
    }

    fn scratch() -> StageFacts {
        StageFacts {
            shell: Some(false),
            package_manager: Some(false),
            c_toolchain: Some(false),
            default_user: Some(ROOT),
            static_only: true,
            workdir: Some("/"),
            ..StageFacts::default()
        }
    }
}

impl Os {
    pub fn label(&self) -> String {
        if self.release.is_empty() {
            self.name.to_string()
        } else {
            format!("{} {}", self.name, self.release)
        }
    }
}

const DEBIAN_RELEASES: [(&str, &str); 5] = [
    ("stretch", "9"),
    ("buster", "10"),
    ("bullseye", "11"),
    ("bookworm", "12"),
    ("trixie", "13"),
];

/// Debian's release number for a code name, and back.
pub fn debian_release(codename: &str) -> Option<&'static str> {
    DEBIAN_RELEASES
        .iter()
        .find(|(c, _)| *c == codename)
        .map(|(_, n)| *n)
}

pub fn debian_codename(release: &str) -> Option<&'static str> {
    DEBIAN_RELEASES
        .iter()
        .find(|(_, n)| *n == release)
        .map(|(c, _)| *c)
}

/// Debian's own Python 3 (what distroless `python3-debianN` runs).
pub fn debian_python(release: &str) -> Option<&'static str> {
    match release {
        "10" => Some("3.7"),
        "11" => Some("3.9"),
        "12" => Some("3.11"),
        "13" => Some("3.13"),
        _ => None,
    }
}

/// The Debian release an official language image uses when its tag names none: the newest one its line was
/// still built on. The images moved to bookworm on 2023-06-10 and to trixie on 2025-08-09, so a line that had
/// ended before a move stayed where it was (`golang:1.21` is bookworm, `python:3.12` trixie).
fn default_debian(repository: &str, version: &str) -> &'static str {
    // Rust ships a release every six weeks, each ending when the next comes: 1.69 ended before bookworm,
    // 1.88 two days before trixie.
    if repository == "rust" {
        let minor = version
            .strip_prefix("1.")
            .and_then(|v| v.split('.').next()?.parse::<u32>().ok());
        return match minor {
            Some(m) if m < 70 => "11",
            Some(m) if m < 89 => "12",
            _ => "13",
        };
    }
    let eol = if version.is_empty() {
        None
    } else {
        line_of(repository, version).map(|l| l.eol).or_else(|| {
            // Older than every line the data lists (`golang:1.19`): it ended no later than the oldest did.
            let oldest = LINES
                .iter()
                .filter(|l| l.family == repository)
                .min_by(|a, b| compare_versions(a.line, b.line))?;
            compare_versions(version, oldest.line)
                .is_lt()
                .then_some(oldest.eol)
        })
    };
    match eol {
        Some(eol) if eol < "2023-06-10" => "11",
        Some(eol) if eol < "2025-08-09" => "12",
        _ => "13",
    }
}

/// The glibc a Debian or Ubuntu release ships (from the distributions' package lists).
pub fn glibc_version(os: &Os) -> Option<&'static str> {
    Some(match (os.name, os.release.as_str()) {
        ("Debian", "10") => "2.28",
        ("Debian", "11") => "2.31",
        ("Debian", "12") => "2.36",
        ("Debian", "13") => "2.41",
        ("Ubuntu", "18.04") => "2.27",
        ("Ubuntu", "20.04") => "2.31",
        ("Ubuntu", "22.04") => "2.35",
        ("Ubuntu", "24.04") => "2.39",
        _ => return None,
    })
}

/// The directory an official image's `WORKDIR` leaves a stage in, read from the image's Dockerfile in
/// docker-library (the same for every tag and variant); `/` where it sets none.
const OFFICIAL_WORKDIRS: &[(&str, &str)] = &[
    ("alpine", "/"),
    ("debian", "/"),
    ("ubuntu", "/"),
    ("buildpack-deps", "/"),
    ("python", "/"),
    ("node", "/"),
    ("nginx", "/"),
    ("ruby", "/"),
    ("fedora", "/"),
    ("centos", "/"),
    ("rockylinux", "/"),
    ("almalinux", "/"),
    ("amazonlinux", "/"),
    // `WORKDIR $HTTPD_PREFIX` and `WORKDIR $GOPATH`.
    ("httpd", "/usr/local/apache2"),
    ("golang", "/go"),
];

/// Facts about an image from its name alone.
pub fn image_facts(image: &ImageName) -> StageFacts {
    let mut facts = facts_of_image(image);
    if image.is_official() {
        let repo = image.repository();
        facts.workdir = OFFICIAL_WORKDIRS
            .iter()
            .find(|(r, _)| *r == repo)
            .map(|(_, dir)| *dir);
    }
    facts
}

const BITNAMI: ImageUser = ImageUser {
    name: "1001",
    uid: 1001,
};

/// Images known to start as a non-root user of their own: (registry, repository or `prefix/`, user). A
/// Dockerfile on them that never sets `USER` already runs as that user, and its `RUN`s cannot create users.
const NON_ROOT_IMAGES: &[(&str, &str, ImageUser)] = &[
    (
        "docker.io",
        "nginxinc/nginx-unprivileged",
        ImageUser {
            name: "nginx",
            uid: 101,
        },
    ),
    // Bitnami's server images run as 1001; its base and tool images (`minideb`, `python`, `git`) as root.
    ("docker.io", "bitnami/nginx", BITNAMI),
    ("docker.io", "bitnami/apache", BITNAMI),
    ("docker.io", "bitnami/postgresql", BITNAMI),
    ("docker.io", "bitnami/redis", BITNAMI),
    ("docker.io", "bitnami/mariadb", BITNAMI),
    ("docker.io", "bitnami/mysql", BITNAMI),
    ("docker.io", "bitnami/mongodb", BITNAMI),
    ("docker.io", "bitnami/rabbitmq", BITNAMI),
    ("docker.io", "bitnami/kafka", BITNAMI),
    // Chainguard's language and server images run as `nonroot`; `wolfi-base` runs as root.
    ("cgr.dev", "chainguard/python", NONROOT),
    ("cgr.dev", "chainguard/node", NONROOT),
    ("cgr.dev", "chainguard/static", NONROOT),
    ("cgr.dev", "chainguard/go", NONROOT),
    ("cgr.dev", "chainguard/jre", NONROOT),
    ("cgr.dev", "chainguard/nginx", NONROOT),
    (
        "docker.io",
        "jupyter/",
        ImageUser {
            name: "jovyan",
            uid: 1000,
        },
    ),
    (
        "quay.io",
        "jupyter/",
        ImageUser {
            name: "jovyan",
            uid: 1000,
        },
    ),
    (
        "docker.io",
        "mambaorg/micromamba",
        ImageUser {
            name: "mambauser",
            uid: 57439,
        },
    ),
];

/// The non-root user `image` starts as, when it is one of [`NON_ROOT_IMAGES`].
fn non_root_default(image: &ImageName) -> Option<ImageUser> {
    let registry = image.registry.as_deref().unwrap_or("docker.io");
    let repo = image.repository();
    NON_ROOT_IMAGES
        .iter()
        .find(|(r, name, _)| {
            *r == registry && (repo == *name || name.ends_with('/') && repo.starts_with(name))
        })
        .map(|(_, _, user)| *user)
}

fn facts_of_image(image: &ImageName) -> StageFacts {
    if let Some(user) = non_root_default(image) {
        return StageFacts {
            default_user: Some(user),
            ..StageFacts::default()
        };
    }
    let repo = image.repository();
    let tag = image
        .tag
        .as_deref()
        .unwrap_or("latest")
        .to_ascii_lowercase();
    if image.registry.as_deref() == Some("gcr.io") && repo.starts_with("distroless/") {
        return distroless_facts(&repo["distroless/".len()..], &tag);
    }
    if !image.is_official() {
        return StageFacts::default();
    }
    let (version, variant) = match tag.split_once('-') {
        Some((v, rest)) if v.starts_with(|c: char| c.is_ascii_digit()) => (v, rest),
        _ if tag.starts_with(|c: char| c.is_ascii_digit()) => (tag.as_str(), ""),
        _ => ("", tag.as_str()),
    };
    let alpine = variant.split('-').find(|p| p.starts_with("alpine"));
    let codename = variant.split('-').find(|p| debian_release(p).is_some());
    let slim = variant.split('-').any(|p| p == "slim");
    let language = match repo.as_str() {
        "python" => Some(Language::Python),
        "node" => Some(Language::Node),
        "golang" => Some(Language::Go),
        "rust" => Some(Language::Rust),
        "eclipse-temurin" | "openjdk" => Some(Language::Java),
        "ruby" => Some(Language::Ruby),
        "php" => Some(Language::Php),
        _ => None,
    };
    let mut facts = StageFacts {
        shell: Some(true),
        package_manager: Some(true),
        default_user: Some(ROOT),
        ..StageFacts::default()
    };
    match repo.as_str() {
        "alpine" => {
            facts.libc = Some(Libc::Musl);
            facts.os = Some(Os {
                name: "Alpine",
                release: minor_line(version),
            });
            facts.c_toolchain = Some(false);
            return facts;
        }
        "debian" => {
            let release = debian_release(&tag)
                .or_else(|| debian_release(variant.split('-').next().unwrap_or("")))
                .map(str::to_string)
                .unwrap_or_else(|| version.split('.').next().unwrap_or("").to_string());
            facts.libc = Some(Libc::Glibc);
            facts.os = Some(Os {
                name: "Debian",
                release,
            });
            facts.c_toolchain = Some(false);
            return facts;
        }
        "ubuntu" => {
            facts.libc = Some(Libc::Glibc);
            facts.os = Some(Os {
                name: "Ubuntu",
                release: version.to_string(),
            });
            facts.c_toolchain = Some(false);
            return facts;
        }
        _ => {}
    }
    let Some(language) = language else {
        return StageFacts::default();
    };
    facts.libc = Some(if alpine.is_some() {
        Libc::Musl
    } else {
        Libc::Glibc
    });
    facts.os = Some(match alpine {
        Some(a) => Os {
            name: "Alpine",
            release: a.trim_start_matches("alpine").to_string(),
        },
        None => Os {
            name: "Debian",
            release: codename
                .and_then(debian_release)
                .unwrap_or_else(|| default_debian(&repo, version))
                .to_string(),
        },
    });
    // The full Debian variants carry gcc; slim and alpine do not.
    facts.c_toolchain = Some(alpine.is_none() && !slim);
    let version = if version.is_empty() || version.split('.').count() < language_depth(language) {
        base_images::lookup(image)
            .map(|e| e.latest)
            .filter(|v| !v.is_empty() && (version.is_empty() || v.starts_with(version)))
            .unwrap_or(version)
    } else {
        version
    };
    facts.runtime = (!version.is_empty()).then(|| Runtime {
        language,
        version: match language_depth(language) {
            1 => version.split('.').next().unwrap_or(version).to_string(),
            _ => minor_line(version),
        },
    });
    if language == Language::Node {
        facts.app_user = Some(NODE);
    }
    facts
}

/// How many version parts name a line: `3.11` for Python and Go, `22` for Node.js.
fn language_depth(language: Language) -> usize {
    match language {
        Language::Node | Language::Java => 1,
        _ => 2,
    }
}

fn minor_line(version: &str) -> String {
    version.split('.').take(2).collect::<Vec<_>>().join(".")
}

/// `python3-debian12`, `static-debian12:nonroot`, `nodejs22-debian12`, `base-debian11:debug`.
fn distroless_facts(name: &str, tag: &str) -> StageFacts {
    let (kind, release) = match name.rsplit_once("-debian") {
        Some((k, r)) => (k, r.to_string()),
        None => (name, String::new()),
    };
    let debug = tag.split('-').any(|p| p == "debug");
    let nonroot = tag.split('-').any(|p| p == "nonroot");
    let mut facts = StageFacts {
        os: Some(Os {
            name: "Debian",
            release: release.clone(),
        }),
        shell: Some(debug),
        package_manager: Some(false),
        c_toolchain: Some(false),
        default_user: Some(if nonroot { NONROOT } else { ROOT }),
        app_user: Some(NONROOT),
        distroless: true,
        debug,
        ..StageFacts::default()
    };
    if kind == "static" {
        facts.static_only = true;
        return facts;
    }
    facts.libc = Some(Libc::Glibc);
    if kind == "python3" {
        facts.runtime = debian_python(&release).map(|v| Runtime {
            language: Language::Python,
            version: v.to_string(),
        });
        facts.entrypoint = Some("/usr/bin/python3");
    } else if let Some(major) = kind.strip_prefix("nodejs") {
        facts.runtime = Some(Runtime {
            language: Language::Node,
            version: major.to_string(),
        });
        facts.entrypoint = Some("/nodejs/bin/node");
    } else if let Some(major) = kind.strip_prefix("java") {
        facts.runtime = Some(Runtime {
            language: Language::Java,
            version: major.to_string(),
        });
        facts.entrypoint = Some("/usr/bin/java");
    }
    facts
}

/// Facts about a stage: its image's, or those of the stage it builds on (`FROM build`), or scratch's.
pub fn stage_facts(model: &Model, stage: &Stage) -> StageFacts {
    match model.root_base(stage) {
        Base::Image(image) => image_facts(image),
        Base::Scratch => StageFacts::scratch(),
        Base::Unresolved(_) | Base::Stage(_) => StageFacts::default(),
    }
}

/// How a finding names a stage: `` `build` ``, `stage 0`, or "the final stage".
pub fn stage_label(stage: &Stage) -> String {
    match (&stage.name, stage.is_final) {
        (Some(name), true) => format!("the final stage `{name}`"),
        (Some(name), false) => format!("`{name}`"),
        (None, true) => "the final stage".to_string(),
        (None, false) => format!("stage {}", stage.index),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(reference: &str) -> StageFacts {
        image_facts(&ImageName::parse(reference))
    }

    #[test]
    fn untagged_releases_follow_the_line_s_last_build() {
        let release = |name: &str| facts(name).os.unwrap().label();
        // Ended before bookworm (2023-06-10), before trixie (2025-08-09), and still built on trixie.
        assert_eq!(release("node:14"), "Debian 11");
        assert_eq!(release("golang:1.21"), "Debian 12");
        assert_eq!(release("node:18"), "Debian 12");
        assert_eq!(release("python:3.12"), "Debian 13");
        assert_eq!(release("python"), "Debian 13");
        assert_eq!(release("python:3.11-slim-bullseye"), "Debian 11");
        // Older than the listed lines, and Rust by its six-week releases: DW1030 took `rust:1.75` for trixie.
        assert_eq!(release("golang:1.19"), "Debian 12");
        assert_eq!(release("rust:1.75"), "Debian 12");
        assert_eq!(release("rust:1.60-slim"), "Debian 11");
        assert_eq!(release("rust:1.91"), "Debian 13");
        assert_eq!(release("rust"), "Debian 13");
        let glibc = |name: &str| facts(name).os.as_ref().and_then(glibc_version);
        assert_eq!(glibc("debian:bullseye"), Some("2.31"));
        assert_eq!(glibc("golang:1.21"), Some("2.36"));
        assert_eq!(glibc("ubuntu:22.04"), Some("2.35"));
        assert_eq!(glibc("alpine:3.22"), None);
    }

    #[test]
    fn an_unknown_runtime_version_is_left_out_of_the_label() {
        assert_eq!(
            facts("gcr.io/distroless/nodejs").runtime_label(),
            "Node.js (glibc)"
        );
    }

    #[test]
    fn python_images_give_version_libc_and_release() {
        let f = facts("python:3.11-alpine3.19");
        assert_eq!(f.python(), Some("3.11"));
        assert_eq!(f.libc, Some(Libc::Musl));
        assert_eq!(f.os.as_ref().map(Os::label).as_deref(), Some("Alpine 3.19"));
        assert_eq!(f.runtime_label(), "Python 3.11 (musl)");
        let f = facts("python:3.12.4-slim-bookworm");
        assert_eq!(f.python(), Some("3.12"));
        assert_eq!(f.libc, Some(Libc::Glibc));
        assert_eq!(f.c_toolchain, Some(false));
        assert_eq!(f.os.unwrap().label(), "Debian 12");
        assert_eq!(facts("python:3").python(), Some("3.14"));
        assert_eq!(facts("python").python(), Some("3.14"));
        assert_eq!(facts("python:slim").python(), Some("3.14"));
        assert_eq!(facts("python:3.9").c_toolchain, Some(true));
    }

    #[test]
    fn distroless_images_have_no_shell_and_debians_python() {
        let f = facts("gcr.io/distroless/python3-debian11:nonroot");
        assert_eq!(f.runtime_label(), "Python 3.9 (glibc)");
        assert_eq!(f.shell, Some(false));
        assert_eq!(f.package_manager, Some(false));
        assert_eq!(f.default_user, Some(NONROOT));
        assert!(f.distroless && !f.debug);
        let f = facts("gcr.io/distroless/static-debian12");
        assert!(f.static_only && f.libc.is_none());
        assert_eq!(f.default_user.map(|u| u.uid), Some(0));
        let f = facts("gcr.io/distroless/base-debian12:debug-nonroot");
        assert!(f.debug && f.shell == Some(true));
        assert_eq!(
            facts("gcr.io/distroless/nodejs22-debian12").runtime_label(),
            "Node.js 22 (glibc)"
        );
    }

    #[test]
    fn node_golang_and_os_images() {
        let f = facts("node:22-alpine");
        assert_eq!(f.runtime_label(), "Node.js 22 (musl)");
        assert_eq!(f.app_user.map(|u| (u.name, u.uid)), Some(("node", 1000)));
        let f = facts("golang:1.23");
        assert_eq!(f.runtime_label(), "Go 1.23 (glibc)");
        assert_eq!(f.c_toolchain, Some(true));
        assert_eq!(facts("golang:1.23-alpine").c_toolchain, Some(false));
        assert_eq!(
            facts("debian:bullseye-slim").os.unwrap().label(),
            "Debian 11"
        );
        assert_eq!(facts("alpine:3.15").runtime_label(), "Alpine 3.15 (musl)");
        assert_eq!(facts("myorg/app:1").libc, None);
    }

    #[test]
    fn stages_inherit_and_scratch_has_nothing() {
        let src = "FROM python:3.11-slim AS base\nFROM base AS app\nFROM scratch\n";
        let (file, errors) = dockwise_syntax::parse(src);
        let model = Model::new(src, &file, &errors);
        assert_eq!(stage_facts(&model, &model.stages[1]).python(), Some("3.11"));
        let scratch = stage_facts(&model, &model.stages[2]);
        assert!(scratch.static_only && scratch.shell == Some(false));
        assert_eq!(stage_label(&model.stages[0]), "`base`");
        assert_eq!(stage_label(&model.stages[2]), "the final stage");
    }

    #[test]
    fn images_that_start_as_their_own_non_root_user() {
        for (image, uid) in [
            ("nginxinc/nginx-unprivileged:1.27-alpine", 101),
            ("bitnami/nginx:1.27", 1001),
            ("cgr.dev/chainguard/python:latest", 65532),
            ("quay.io/jupyter/base-notebook:2024-10-07", 1000),
            ("mambaorg/micromamba:1.5", 57439),
        ] {
            assert_eq!(
                facts(image).default_user.map(|u| u.uid),
                Some(uid),
                "{image}"
            );
        }
        assert_eq!(facts("python:3.12").default_user.map(|u| u.uid), Some(0));
        assert_eq!(facts("myorg/nginx-unprivileged").default_user, None);
        // Root by default: Bitnami's base and tool images, Chainguard's wolfi-base.
        for image in [
            "bitnami/minideb:bookworm",
            "bitnami/git:2",
            "cgr.dev/chainguard/wolfi-base:latest",
        ] {
            assert!(
                facts(image).default_user.is_none_or(|u| u.uid == 0),
                "{image}"
            );
        }
    }
}
