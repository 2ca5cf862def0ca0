//! DW1021: a base image on a release line past its end of life (`alpine:3.15`, `python:3.9`, `node:18`,
//! `debian:bullseye`, `ubuntu:20.04`, `golang:1.22`, distroless `-debian11`), by the dated list in
//! `data/lifecycle.rs`.

use crate::data::lifecycle::{
    compare_versions, nearest_supported, unsupported, Unsupported, DATA_DATE,
};
use crate::model::stage_image::descendants;
use crate::model::{
    debian_codename, debian_release, glibc_version, image_facts, stage_facts, stage_label,
    ImageName, Libc, StageFacts,
};
use crate::rules::common::packages::installed_packages;
use crate::rules::common::stage_copies::{native_build, stage_copies};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1021",
    name: "end-of-life-base",
    category: Category::Security,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it moves to the nearest supported line of the same family (Python 3.9 → 3.11, Node.js 18 → 22, \
         Alpine 3.15 → 3.22, bullseye → bookworm, distroless `-debian11` → `-debian12`). A newer interpreter or \
         distribution can change package versions, drop deprecated APIs and need your dependencies upgraded. Not \
         offered when a `debian`, `ubuntu` or `alpine` image would move to a release whose own Python is \
         externally managed (Debian 12, Ubuntu 23.04, Alpine 3.19 and later: PEP 668) while the image runs `pip \
         install` into that Python: there it fails unless it runs in a virtual environment; nor when the \
         context's `pyproject.toml` (`requires-python`, Poetry's `python`) or `Pipfile` (`python_version`) excludes \
         the Python line it would move to, since Poetry, pipenv and pip then refuse to install, or pins a package \
         older than its first wheels for that line (`numpy==1.21.6` on 3.11); nor when the image \
         installs a package the new Debian or Ubuntu release lacks (`libssl1.1`, `python3.9`, `openjdk-11-jre`); \
         nor for `node` when \
         the context's `package.json` excludes the new line (`engines.node`) or depends on `node-sass` or \
         webpack 4 (`react-scripts` 4), which fail on newer lines. Distroless Node.js \
         (`nodejs20-debian12`) moves its Node.js line like the `node` image, so a `node` builder and the \
         distroless runtime that loads its modules stay on the same line. Paths that name the old Python's folders \
         (`python3.8/site-packages`) follow the move; not offered when a stage on the same Python through a \
         variable (`FROM python:${PY}`, which no fix moves) shares its packages or such paths exist. A builder whose native output \
         a later stage runs on an older glibc keeps that release in its tag (`golang:1.22` becomes \
         `golang:1.26-bookworm` for a `debian:bookworm-slim` runtime), or is not moved when the new line has \
         no such release."
    )),
    docs: rule_docs! {
        what: "Flags a `FROM` whose image is on a release line that no longer gets security fixes: an old Alpine, \
               Debian or Ubuntu release (also as a tag suffix: `python:3-alpine3.15`, `node:20-bullseye`, \
               distroless `-debian11`), a Python, Node.js or Go version past its support window, and odd \
               Node.js releases (never long-term supported).",
        why: "End-of-life images stop being rebuilt: every CVE found after that date stays in your image. The \
              dates come from Dockwise's dated release list (each family's source and verification date is in \
              `data/lifecycle.rs`; `dockwise --version` prints the data date).",
        example: "FROM python:3-alpine3.15\nCMD [\"python\", \"app.py\"]\n",
        fixed: "FROM python:3-alpine3.22\nCMD [\"python\", \"app.py\"]\n",
        differences: "Dockwise has no clock in its core: \"end of life\" means on or before the data date. Dates \
                      still in the future when the list was reviewed are marked as scheduled in the message.",
    },
    check,
    ..Rule::DEFAULTS
};

/// One end-of-life part of an image reference: the text as written and what replaces it.
struct Part {
    label: String,
    status: Unsupported,
    written: String,
    replacement: Option<String>,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        let Some(from) = ctx.instructions.get(stage.from).map(|i| i.node) else {
            continue;
        };
        let Body::From(body) = &from.body else {
            continue;
        };
        let Some(reference) = body.reference.as_ref() else {
            continue;
        };
        let (in_name, parts) = end_of_life_parts(image);
        let Some(first) = parts.first() else { continue };
        let word = if in_name {
            Some(&reference.name)
        } else {
            reference.tag.as_ref()
        };
        let span = word.map_or(body.image.span, |w| w.span);
        let details: Vec<String> = parts.iter().map(describe).collect();
        let targets: Vec<String> = parts
            .iter()
            .filter_map(|p| p.replacement.as_ref().map(|r| format!("`{r}`")))
            .collect();
        let mut message = format!(
            "`{}` is past end of life: {} (as of Dockwise's release data, {DATA_DATE}); it no longer gets \
             security fixes.",
            stage.base_resolved,
            details.join("; ")
        );
        if !targets.is_empty() {
            message.push_str(&format!(
                " Move to the nearest supported line ({}).",
                targets.join(", ")
            ));
        }
        // Each reason the move would break the build or the app: the finding says it, and no fix is offered.
        let mut refusals = refusals(ctx, stage, image, &parts);
        let release = if in_name {
            Release::Follows
        } else {
            release_for_copies(ctx, stage, image, &parts)
        };
        if let Release::Refuse(why) = &release {
            refusals.push(why.clone());
        }
        for why in &refusals {
            message.push_str(&format!(" Not moved for you: {why}"));
        }
        let mut diagnostic = Diagnostic::new(span, message);
        let fixable = !reference.has_variables
            && image.digest.is_none()
            && refusals.is_empty()
            && parts.iter().all(|p| p.replacement.is_some());
        if let (true, Some(word)) = (fixable, word) {
            let mut text = word.value.clone();
            for p in &parts {
                if let Some(r) = &p.replacement {
                    text = text.replacen(&p.written, r, 1);
                }
            }
            if let Release::Keep(codename) = release {
                text = with_codename(&image.repository(), &text, codename);
            }
            if text != word.value {
                let mut edits = vec![Edit::replace(word.span, text.clone())];
                // Paths that name the old Python's folders follow the move (`python3.8/site-packages`).
                let mut folders = String::new();
                let lines = official_python_lines(image, &parts);
                if let Some((old, new)) = lines {
                    let spans = old_python_folders(ctx, &old);
                    if !spans.is_empty() {
                        folders = format!(" Paths naming `python{old}/` now name `python{new}/`.");
                    }
                    edits.extend(
                        spans
                            .into_iter()
                            .map(|span| Edit::replace(span, format!("python{new}"))),
                    );
                }
                diagnostic = diagnostic.with_fix(
                    Fix::unsafe_(format!("Move to {}", text), edits).explained(format!(
                        "The base moves from `{}` to `{text}`, the nearest line still supported on {DATA_DATE} \
                         ({}); rebuild and run your tests, newer releases can change package versions.{folders}",
                        word.value, first.label
                    )),
                );
            }
        }
        out.push(diagnostic);
    }
}

/// Why the stage's Python line is tied to a stage no fix moves: a stage on the same Python whose `FROM` uses a
/// variable (`FROM python:${PY}-slim`) shares packages or a venv with it, or paths of the file name the old
/// Python's folders (`/usr/local/lib/python3.8/site-packages`) while such a stage exists. Moving this stage alone
/// breaks the imports.
fn python_bound_elsewhere(ctx: &Context, stage: &Stage) -> Option<String> {
    let line = stage_facts(ctx.model, stage).python()?.to_string();
    // A `FROM` no fix moves: written with a variable, or pinned by digest.
    let variable_from = |s: &Stage| {
        ctx.instructions
            .get(s.from)
            .is_some_and(|i| ctx.text(i.node.args).contains(['$', '@']))
    };
    let stuck = ctx.stages.iter().find(|s| {
        s.index != stage.index
            && variable_from(s)
            && stage_facts(ctx.model, s).python() == Some(line.as_str())
    })?;
    let folder = format!("/usr/local/lib/python{line}");
    let shares = stage_copies(ctx).iter().any(|c| {
        (c.to.index == stage.index && c.from.index == stuck.index)
            || (c.from.index == stage.index && c.to.index == stuck.index)
    });
    (shares || ctx.source.contains(&folder)).then(|| {
        format!(
            "{} is on the same Python through a variable, which is not moved, and shares its packages (or \
             paths name `{folder}`); move both together.",
            stage_label(stuck)
        )
    })
}

/// The official image's Python folder in the file's paths (`python3.8` of `/usr/local/lib/python3.8` and of
/// `/usr/local/lib/python3.8/site-packages`), which moves with the base: `cp -r
/// /usr/local/lib/python3.8/site-packages` fails on 3.11. Other prefixes (`/usr/lib/python3.8` of a Debian or
/// deadsnakes Python) are not the image's and stay.
fn old_python_folders(ctx: &Context, line: &str) -> Vec<Span> {
    let path = format!("/usr/local/lib/python{line}");
    let folder = "/usr/local/lib/".len();
    ctx.source
        .match_indices(&path)
        .filter(|(at, _)| {
            let after = ctx.source[at + path.len()..].chars().next();
            after.is_none_or(|c| c.is_whitespace() || "/\"':],;".contains(c))
        })
        .map(|(at, _)| Span::new(at + folder, at + path.len()))
        .collect()
}

/// The Python lines an official `python` image moves between (`("3.8", "3.11")`), when it moves.
fn official_python_lines(image: &ImageName, parts: &[Part]) -> Option<(String, String)> {
    if !(image.is_official() && image.repository() == "python") {
        return None;
    }
    let old = image_facts(image).python()?.to_string();
    let new = image_facts(&moved_image(image, parts))
        .python()?
        .to_string();
    (old != new).then_some((old, new))
}

/// `image` with the parts' replacements applied to its tag.
fn moved_image(image: &ImageName, parts: &[Part]) -> ImageName {
    let mut moved = image.clone();
    if let Some(tag) = image.tag.as_deref() {
        let mut new_tag = tag.to_string();
        for p in parts {
            if let Some(r) = &p.replacement {
                new_tag = new_tag.replacen(&p.written, r, 1);
            }
        }
        moved.tag = Some(new_tag);
    }
    moved
}

/// What a moved builder's Debian release must be for the native code later stages copy from it.
enum Release {
    /// The new line's default release: nothing copied needs an older glibc.
    Follows,
    /// Name this codename in the tag: the new line's default has a newer glibc than a stage that runs the code.
    Keep(&'static str),
    /// No release of the new line has a glibc old enough.
    Refuse(String),
}

/// Whether the move changes the Debian release (so the glibc) under native code that a later stage runs on an
/// older glibc: `golang:1.22` (bookworm) becomes `golang:1.26` (trixie, glibc 2.41) while its cgo binary runs
/// on `debian:bookworm-slim` (2.36) and would stop with `version 'GLIBC_2.38' not found`. The new lines are
/// still built on bookworm, so the tag keeps it (`golang:1.26-bookworm`); an older runtime refuses the move.
fn release_for_copies(ctx: &Context, stage: &Stage, image: &ImageName, parts: &[Part]) -> Release {
    if image.tag.is_none() {
        return Release::Follows;
    }
    let new = image_facts(&moved_image(image, parts));
    let old = stage_facts(ctx.model, stage);
    let glibc = |facts: &StageFacts| facts.os.as_ref().and_then(glibc_version);
    let (Some(new_glibc), Some(old_os), Some(new_os)) = (glibc(&new), &old.os, &new.os) else {
        return Release::Follows;
    };
    if old_os.release == new_os.release {
        return Release::Follows;
    }
    let mut oldest: Option<(&'static str, &Stage)> = None;
    for copy in stage_copies(ctx)
        .iter()
        .filter(|c| c.from.index == stage.index)
    {
        // A runtime without glibc (`distroless/static`, scratch) is DW1023's: no release of it helps.
        let Some(runs) = glibc(&copy.to_facts).filter(|_| copy.to_facts.libc == Some(Libc::Glibc))
        else {
            continue;
        };
        let files = copy.sources.iter().all(|s| !s.contains('*'));
        let newer = compare_versions(new_glibc, runs) == std::cmp::Ordering::Greater;
        if newer
            && native_build(ctx, &new, copy.from, Libc::Glibc, false, files).is_some()
            && oldest.is_none_or(|(o, _)| compare_versions(runs, o).is_lt())
        {
            oldest = Some((runs, copy.to));
        }
    }
    let Some((runs, runtime)) = oldest else {
        return Release::Follows;
    };
    // Bookworm's glibc (2.36) runs where the runtime's is at least as new (Debian 12, Ubuntu 24.04's 2.39).
    let bookworm = crate::model::Os {
        name: "Debian",
        release: "12".to_string(),
    };
    let bookworm_glibc = glibc_version(&bookworm).unwrap_or("2.36");
    match compare_versions(runs, bookworm_glibc) {
        std::cmp::Ordering::Greater | std::cmp::Ordering::Equal => Release::Keep("bookworm"),
        std::cmp::Ordering::Less => Release::Refuse(format!(
            "the native code {} runs from it needs glibc {runs} at most, older than every release the new \
             line is built on; move {} first.",
            stage_label(runtime),
            stage_label(runtime)
        )),
    }
}

/// `tag` with a Debian codename: `1.26-bookworm`, `3.13-slim-bookworm`, and for Node.js before `-slim`
/// (`22-bookworm-slim`), as each image names its variants.
fn with_codename(repository: &str, tag: &str, codename: &str) -> String {
    match tag.strip_suffix("-slim") {
        Some(version) if repository == "node" => format!("{version}-{codename}-slim"),
        _ => format!("{tag}-{codename}"),
    }
}

/// Why moving `stage` to the parts' replacements would break its build or its app, one sentence each: the
/// newer release refuses a system `pip install` (PEP 668: Debian 12, Ubuntu 23.04, Alpine 3.19), the project
/// asks for an older Python (Poetry, pipenv and pip refuse it) or pins a package without wheels for the newer
/// one, the newer release lacks an installed package, or `package.json` keeps to older Node.js lines.
fn refusals(ctx: &Context, stage: &Stage, image: &ImageName, parts: &[Part]) -> Vec<String> {
    let mut why = Vec::new();
    let official = |repository: &str| image.is_official() && image.repository() == repository;
    if newly_externally_managed(&image.repository(), parts) && runs_system_pip(ctx, stage.index) {
        why.push(
            "the newer release refuses `pip install` outside a virtual environment (PEP 668), which this image \
             runs; install into a venv first."
                .to_string(),
        );
    }
    let project = official("python")
        .then(|| project_refuses_python(ctx, parts))
        .flatten();
    if let Some((file, spec)) = &project {
        why.push(format!(
            "`{file}` asks for Python `{spec}`, which the nearest supported line is not; widen it first."
        ));
    } else if let Some(pin) = pins_without_wheels(ctx, stage, parts) {
        why.push(format!(
            "`{pin}` has no wheels for the newer Python and would be compiled (and fail, or need a compiler); \
             upgrade it first."
        ));
    }
    if let Some(package) = packages_gone(ctx, stage, parts) {
        why.push(format!(
            "the newer release has no `{package}`, which this image installs; move to its successor package first."
        ));
    }
    if official("python") {
        if let Some(bound) = python_bound_elsewhere(ctx, stage) {
            why.push(bound);
        }
    }
    if let Some(node) = official("node")
        .then(|| package_refuses_node(ctx, parts))
        .flatten()
    {
        why.push(format!(
            "the app's `package.json` keeps it on older Node.js lines ({node}); upgrade it first."
        ));
    }
    why
}

/// Whether the move goes from a release whose own Python takes `pip install` to one that marks it externally
/// managed (PEP 668: Debian 12, Ubuntu 23.04, Alpine 3.19 and later). Only the distributions' own images: an
/// official language image (`python:3.11-bookworm`) has its interpreter and pip in `/usr/local`.
fn newly_externally_managed(repository: &str, parts: &[Part]) -> bool {
    let managed = |release: &str| match repository {
        "debian" => debian_release(release)
            .unwrap_or(release)
            .parse::<u32>()
            .is_ok_and(|n| n >= 12),
        "ubuntu" => {
            let line = crate::data::lifecycle::LINES
                .iter()
                .find(|l| l.family == "ubuntu" && l.codename == Some(release))
                .map_or(release, |l| l.line);
            compare_versions(line, "23.04").is_ge()
        }
        "alpine" => compare_versions(release, "3.19").is_ge(),
        _ => false,
    };
    parts.iter().any(|p| {
        let new = p.replacement.as_deref().unwrap_or("");
        managed(first_piece(new)) && !managed(first_piece(&p.written))
    })
}

/// The project file and its Python requirement when the context's `pyproject.toml` (`requires-python`, or
/// Poetry's `python` dependency) or `Pipfile` (`python_version`, `python_full_version`) excludes the Python line
/// a part moves to.
fn project_refuses_python(ctx: &Context, parts: &[Part]) -> Option<(&'static str, String)> {
    let target = parts
        .iter()
        .find(|p| p.label.starts_with("Python "))?
        .replacement
        .as_deref()?;
    let files = &ctx.config.context_files;
    let pyproject = files.get("pyproject.toml").and_then(|text| {
        toml_value(text, "project", "requires-python")
            .or_else(|| toml_value(text, "tool.poetry.dependencies", "python"))
    });
    let found = match pyproject {
        Some(spec) => Some(("pyproject.toml", spec)),
        None => files.get("Pipfile").and_then(|text| {
            toml_value(text, "requires", "python_version")
                .or_else(|| toml_value(text, "requires", "python_full_version"))
                .map(|v| ("Pipfile", format!("=={v}")))
        }),
    };
    found.filter(|(_, spec)| !python_spec_accepts(spec, target))
}

/// The first release of each package with wheels for Python 3.11, 3.12 and 3.13: an older pin has no wheel
/// for the newer interpreter, so pip compiles it (numpy 1.21 does not build on 3.11 at all).
const FIRST_WHEELS: &[(&str, [&str; 3])] = &[
    ("numpy", ["1.23.2", "1.26.0", "2.1.0"]),
    ("pandas", ["1.5.0", "2.1.1", "2.2.3"]),
    ("scipy", ["1.9.2", "1.11.2", "1.14.1"]),
    ("scikit-learn", ["1.1.3", "1.3.1", "1.5.2"]),
    ("pillow", ["9.3.0", "10.1.0", "11.0.0"]),
    ("psycopg2-binary", ["2.9.5", "2.9.9", "2.9.10"]),
];

/// A `name==version` the stage (or one built on it) installs with pip that has no wheel for the Python line a
/// part moves to.
fn pins_without_wheels(ctx: &Context, stage: &Stage, parts: &[Part]) -> Option<String> {
    let target = parts
        .iter()
        .find(|p| p.label.starts_with("Python "))?
        .replacement
        .as_deref()?;
    let column = ["3.11", "3.12", "3.13"].iter().position(|l| *l == target)?;
    descendants(ctx.model, stage.index)
        .into_iter()
        .filter_map(|s| ctx.stages.get(s))
        .flat_map(|s| ctx.stage_instructions(s))
        .flat_map(|i| i.commands())
        .flat_map(|c| crate::rules::common::pip_sources::requirements(ctx, c))
        .find_map(|requirement| {
            let (name, version) = requirement.split_once("==")?;
            let name = name.trim().to_ascii_lowercase().replace('_', "-");
            let version = version.split([';', ' ', ',']).next()?.trim();
            let (_, first) = FIRST_WHEELS.iter().find(|(n, _)| *n == name)?;
            compare_versions(version, first[column])
                .is_lt()
                .then(|| format!("{name}=={version}"))
        })
}

/// Packages of Debian 10 and 11 that bookworm no longer has (a library's soname or a language's version is in
/// the name): `apt-get install` of them fails after the move.
const GONE_IN_BOOKWORM: &[&str] = &[
    "libssl1.1",
    "libffi6",
    "libffi7",
    "libicu63",
    "libicu67",
    "libreadline7",
    "libmpdec2",
    "libtiff5",
    "libwebp6",
    "libvpx5",
    "libvpx6",
    "libgdal20",
    "libgdal28",
    "python-pip",
    "python3.7",
    "python3.7-dev",
    "python3.9",
    "python3.9-dev",
    "openjdk-11-jre",
    "openjdk-11-jre-headless",
    "openjdk-11-jdk",
    "openjdk-11-jdk-headless",
];

/// Packages of Ubuntu 18.04 and 20.04 that 22.04 no longer has (OpenJDK 11 it still has).
const GONE_IN_JAMMY: &[&str] = &[
    "libssl1.1",
    "libffi6",
    "libffi7",
    "libicu60",
    "libicu66",
    "libreadline7",
    "libmpdec2",
    "python-pip",
    "python3.6",
    "python3.6-dev",
    "python3.8",
    "python3.8-dev",
];

/// A package the stage (or one built on it) installs that the Debian or Ubuntu release a part moves to lacks.
fn packages_gone<'c>(ctx: &'c Context, stage: &Stage, parts: &[Part]) -> Option<&'c str> {
    let moved = |label: &str| {
        parts
            .iter()
            .any(|p| p.replacement.is_some() && p.label.starts_with(label))
    };
    let gone = if moved("Debian") {
        GONE_IN_BOOKWORM
    } else if moved("Ubuntu") {
        GONE_IN_JAMMY
    } else {
        return None;
    };
    descendants(ctx.model, stage.index)
        .into_iter()
        .filter_map(|s| ctx.stages.get(s))
        .flat_map(|s| installed_packages(ctx, s))
        .find(|name| gone.contains(name))
}

/// Why the context's `package.json` cannot run on the Node.js line a part moves to, if it cannot.
fn package_refuses_node(ctx: &Context, parts: &[Part]) -> Option<String> {
    let target: u64 = parts
        .iter()
        .find(|p| p.label.starts_with("Node.js "))?
        .replacement
        .as_deref()?
        .parse()
        .ok()?;
    crate::rules::common::package_json::refuses_node(ctx.package_json()?, target)
}

/// The string value of `key` in the `[section]` of a TOML text (one line, `key = "value"`): enough for the
/// few keys read here, without a TOML parser in the core.
fn toml_value(text: &str, section: &str, key: &str) -> Option<String> {
    let mut current = "";
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.trim();
            continue;
        }
        if current != section {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim().trim_matches('"') == key {
            let v = v.trim();
            return v
                .strip_prefix('"')
                .and_then(|v| v.split('"').next())
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.split('\'').next()))
                .map(str::to_string);
        }
    }
    None
}

/// Whether a Python version requirement (PEP 440, or Poetry's `^`, `~` and `||`) accepts every release of the
/// line `line` (`3.11`). Unknown operators accept, so only a clear refusal stops the move.
fn python_spec_accepts(spec: &str, line: &str) -> bool {
    let minor = |v: &str| v.split('.').take(2).collect::<Vec<_>>().join(".");
    let clause = |c: &str| -> bool {
        let c = c.trim();
        let (op, v) = match c.find(|ch: char| ch.is_ascii_digit()) {
            Some(at) => (c[..at].trim(), c[at..].trim().trim_end_matches(".*")),
            None => return true,
        };
        let cmp = compare_versions(line, v);
        match op {
            "" | "==" | "===" => minor(v) == line,
            ">=" => cmp.is_ge() || minor(v) == line,
            ">" => cmp.is_gt() || (minor(v) == line && v.split('.').count() > 2),
            "<" => cmp.is_lt() && minor(v) != line,
            "<=" => cmp.is_le() || minor(v) == line,
            "!=" => minor(v) != line || v.split('.').count() > 2,
            "^" => {
                let major = v.split('.').next().unwrap_or(v);
                (cmp.is_ge() || minor(v) == line) && line.split('.').next() == Some(major)
            }
            "~" => minor(v) == line,
            "~=" => {
                let pieces: Vec<&str> = v.split('.').collect();
                let prefix = pieces[..pieces.len().saturating_sub(1)].join(".");
                (cmp.is_ge() || minor(v) == line)
                    && (line == prefix || line.starts_with(&format!("{prefix}.")))
            }
            _ => true,
        }
    };
    spec.split("||")
        .any(|alternative| alternative.split(',').all(clause))
}

/// `bookworm` of `bookworm-slim`.
fn first_piece(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// Whether `stage` or a stage built on it runs `pip install` (or `python3 -m pip install`) into the
/// distribution's Python: not from a virtual environment's directory, without `--break-system-packages`, in a
/// file that makes no venv and sets no `PIP_BREAK_SYSTEM_PACKAGES`.
fn runs_system_pip(ctx: &Context, stage: usize) -> bool {
    let stages = descendants(ctx.model, stage);
    let instructions: Vec<&InstructionInfo> = ctx
        .instructions
        .iter()
        .filter(|i| i.stage.is_some_and(|s| stages.contains(&s)))
        .collect();
    let opted_out = instructions.iter().any(|i| {
        let text = ctx.text(i.node.span);
        text.contains("venv")
            || text.contains("virtualenv")
            || text.contains("BREAK_SYSTEM_PACKAGES")
    });
    !opted_out
        && instructions
            .iter()
            .filter(|i| i.kind() == Keyword::Run)
            .flat_map(|i| i.commands())
            .any(|c| {
                let pip = (c.is("pip") || c.is("pip3"))
                    && c.name()
                        .is_none_or(|n| !n.contains('/') || n.starts_with("/usr/bin/"));
                let module = (c.is("python3") || c.is("python"))
                    && c.args()
                        .windows(2)
                        .any(|w| w[0].value == "-m" && w[1].value == "pip");
                (pip || module) && c.has_word("install") && !c.has_flag("--break-system-packages")
            })
}

fn describe(p: &Part) -> String {
    match &p.status {
        Unsupported::EndOfLife {
            eol,
            expected: false,
            ..
        } => format!("{} reached end of life on {eol}", p.label),
        Unsupported::EndOfLife { eol, .. } => {
            format!(
                "{} reached end of life on {eol} (the published schedule)",
                p.label
            )
        }
        Unsupported::Ancient { oldest } => {
            format!(
                "{} is older than {oldest}, itself long unsupported",
                p.label
            )
        }
        Unsupported::Interim { eol, .. } => format!(
            "{} is a short-lived release (support ends {eol}), never a long-term line",
            p.label
        ),
    }
}

/// The end-of-life parts of a reference, and whether they sit in the repository name (distroless `-debianN`)
/// rather than the tag.
fn end_of_life_parts(image: &ImageName) -> (bool, Vec<Part>) {
    let repo = image.repository();
    if image.registry.as_deref() == Some("gcr.io") && repo.starts_with("distroless/") {
        let debian = repo
            .rsplit_once("-debian")
            .and_then(|(_, release)| {
                part("debian", release, "Debian", release, |r| {
                    format!("-debian{r}")
                })
            })
            .map(|mut p| {
                p.written = format!("-debian{}", p.written);
                p
            });
        // `nodejs20-debian12`: the Node.js line is in the name too.
        let node = repo
            .strip_prefix("distroless/nodejs")
            .map(|rest| rest.split('-').next().unwrap_or(rest))
            .filter(|line| !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|line| {
                part("node", line, "Node.js", &format!("nodejs{line}"), |r| {
                    format!("nodejs{r}")
                })
            });
        return (true, node.into_iter().chain(debian).collect());
    }
    if !image.is_official() {
        return (false, Vec::new());
    }
    let Some(tag) = image.tag.as_deref() else {
        return (false, Vec::new());
    };
    let mut parts = Vec::new();
    let pieces: Vec<&str> = tag.split('-').collect();
    let first = pieces.first().copied().unwrap_or("");
    let numeric = first.starts_with(|c: char| c.is_ascii_digit());
    let family = match repo.as_str() {
        "python" | "node" | "golang" | "alpine" | "ubuntu" | "debian" => repo.as_str(),
        _ => "",
    };
    let label = match family {
        "python" => "Python",
        "node" => "Node.js",
        "golang" => "Go",
        "alpine" => "Alpine",
        "ubuntu" => "Ubuntu",
        _ => "Debian",
    };
    if !family.is_empty() && (numeric || matches!(family, "debian" | "ubuntu")) {
        let line = match family {
            "node" => first.split('.').next().unwrap_or(first).to_string(),
            "debian" => first.split('.').next().unwrap_or(first).to_string(),
            "ubuntu" => first.to_string(),
            _ => first.split('.').take(2).collect::<Vec<_>>().join("."),
        };
        if let Some(p) = part(family, &line, label, first, |next| {
            if matches!(family, "debian" | "ubuntu") && !numeric {
                crate::data::lifecycle::LINES
                    .iter()
                    .find(|l| l.family == family && l.line == next)
                    .and_then(|l| l.codename)
                    .unwrap_or(next)
                    .to_string()
            } else {
                next.to_string()
            }
        }) {
            parts.push(p);
        }
    }
    for piece in pieces
        .iter()
        .skip(usize::from(numeric || family == "debian"))
    {
        if let Some(release) = piece.strip_prefix("alpine").filter(|r| !r.is_empty()) {
            if let Some(p) = part("alpine", release, "Alpine", piece, |r| format!("alpine{r}")) {
                parts.push(p);
            }
        } else if let Some(number) = crate::model::debian_release(piece) {
            if let Some(p) = part("debian", number, "Debian", piece, |r| {
                debian_codename(r).unwrap_or(r).to_string()
            }) {
                parts.push(p);
            }
        }
    }
    (false, parts)
}

/// A part when `version` of `family` is unsupported, with its replacement built from the nearest supported line.
fn part(
    family: &str,
    version: &str,
    label: &str,
    written: &str,
    render: impl Fn(&str) -> String,
) -> Option<Part> {
    let lookup = if family == "debian" {
        crate::model::debian_release(version).unwrap_or(version)
    } else {
        version
    };
    let status = unsupported(family, lookup)?;
    let line = match &status {
        Unsupported::EndOfLife { line, .. } | Unsupported::Interim { line, .. } => line.to_string(),
        Unsupported::Ancient { .. } => lookup.to_string(),
    };
    let shown = crate::data::lifecycle::line_of(family, lookup)
        .and_then(|l| l.codename.map(|c| format!("{} ({c})", l.line)))
        .unwrap_or(line);
    Some(Part {
        label: format!("{label} {shown}"),
        status,
        written: written.to_string(),
        replacement: nearest_supported(family, lookup).map(|l| render(l.line)),
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_flagged_once_unfixed, fixed, lines};

    #[test]
    fn flags_the_issues_end_of_life_bases() {
        for src in [
            "FROM alpine:3.15\n",
            "FROM python:3-alpine3.15\n",
            "FROM python:3.9\n",
            "FROM python:3.9.18-slim\n",
            "FROM node:16\n",
            "FROM node:18-alpine\n",
            "FROM node:23-slim\n",
            "FROM debian:buster\n",
            "FROM debian:bullseye-slim\n",
            "FROM debian:11\n",
            "FROM ubuntu:20.04\n",
            "FROM ubuntu:focal\n",
            "FROM golang:1.22-alpine\n",
            "FROM python:3.12-slim-bullseye\n",
            "FROM gcr.io/distroless/python3-debian11:nonroot\n",
        ] {
            assert_eq!(lines("DW1021", src), vec![1], "{src}");
        }
    }

    #[test]
    fn supported_lines_and_unknown_images_are_quiet() {
        for src in [
            "FROM alpine:3.22\n",
            "FROM python:3.14-slim\n",
            "FROM python:3.11-slim-bookworm\n",
            "FROM node:22-alpine\n",
            "FROM node:24\n",
            "FROM debian:trixie\n",
            "FROM ubuntu:24.04\n",
            "FROM golang:1.26\n",
            "FROM python:3\n",
            "FROM myorg/python:3.9\n",
            "FROM gcr.io/distroless/python3-debian12\n",
            "FROM scratch\n",
        ] {
            assert!(lines("DW1021", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_moves_to_the_nearest_supported_line_of_the_same_family() {
        let cases = [
            ("FROM alpine:3.15\n", "FROM alpine:3.22\n"),
            (
                "FROM python:3.9.18-slim AS b\n",
                "FROM python:3.11-slim AS b\n",
            ),
            ("FROM node:18-alpine\n", "FROM node:22-alpine\n"),
            ("FROM node:23\n", "FROM node:24\n"),
            ("FROM debian:bullseye-slim\n", "FROM debian:bookworm-slim\n"),
            ("FROM debian:10\n", "FROM debian:12\n"),
            ("FROM ubuntu:20.04\n", "FROM ubuntu:22.04\n"),
            ("FROM ubuntu:focal\n", "FROM ubuntu:jammy\n"),
            ("FROM golang:1.21-bullseye\n", "FROM golang:1.26-bookworm\n"),
            (
                "FROM gcr.io/distroless/python3-debian11:nonroot\n",
                "FROM gcr.io/distroless/python3-debian12:nonroot\n",
            ),
            // Distroless Node.js moves with the `node` builder whose modules it runs (their ABI must match).
            (
                "FROM gcr.io/distroless/nodejs20-debian12\n",
                "FROM gcr.io/distroless/nodejs22-debian12\n",
            ),
            (
                "FROM gcr.io/distroless/nodejs18-debian11:nonroot\n",
                "FROM gcr.io/distroless/nodejs22-debian12:nonroot\n",
            ),
        ];
        for (before, after) in cases {
            assert_eq!(fixed("DW1021", before), after, "{before}");
        }
    }

    #[test]
    fn reads_python_requirements() {
        for (spec, accepted) in [
            (">=3.10,<3.11", false),
            (">=3.10,<3.12", true),
            ("^3.10", true),
            ("~3.10", false),
            ("==3.10.*", false),
            ("3.10", false),
            ("~=3.10", true),
            ("~=3.10.2", false),
            (">=3.8", true),
            ("<=3.10", false),
            ("<=3.11", true),
            ("^2.7 || ^3.9", true),
            ("*", true),
        ] {
            assert_eq!(super::python_spec_accepts(spec, "3.11"), accepted, "{spec}");
        }
    }

    /// Poetry refused the moved image ("The currently activated Python version 3.11 is not supported by the
    /// project (>=3.10,<3.11)"), and `pipenv install --deploy` a Pipfile asking for 3.9.
    #[test]
    fn no_move_past_the_python_the_project_asks_for() {
        use crate::rules::prelude::testing::fixed_with;
        let src = "FROM python:3.9-slim\nCOPY . .\nRUN pip install poetry && poetry install\n";
        let with = |name: &str, text: &str| {
            let mut config = crate::config::Config::default();
            config.context_files.insert(name.into(), text.into());
            fixed_with("DW1021", src, &config)
        };
        let poetry =
            "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.dependencies]\npython = \">=3.9,<3.10\"\n";
        assert_eq!(with("pyproject.toml", poetry), src);
        assert_eq!(
            with(
                "Pipfile",
                "[packages]\nflask = \"*\"\n\n[requires]\npython_version = \"3.9\"\n"
            ),
            src
        );
        assert_ne!(
            with("pyproject.toml", "[project]\nrequires-python = \">=3.9\"\n"),
            src
        );
        assert_ne!(fixed("DW1021", src), src);
    }

    /// `node:14` moved to 22 under `node-sass` 4 (no binary for 22, and its source build needs Python 2) or
    /// `react-scripts` 4 (webpack 4: `ERR_OSSL_EVP_UNSUPPORTED` on Node.js 17+): the install or build failed.
    #[test]
    fn no_move_past_the_node_line_the_package_needs() {
        use crate::rules::prelude::testing::fixed_with;
        let src = "FROM node:14-alpine\nCOPY . .\nRUN npm ci && npm run build\n";
        let with = |package: &str| {
            let config = crate::config::Config {
                package_json: Some(package.into()),
                ..Default::default()
            };
            fixed_with("DW1021", src, &config)
        };
        assert_eq!(with(r#"{"dependencies": {"react-scripts": "4.0.3"}}"#), src);
        assert_eq!(with(r#"{"engines": {"node": "14.x"}}"#), src);
        assert_eq!(with(r#"{"dependencies": {"node-sass": "^4.14.1"}}"#), src);
        assert_ne!(with(r#"{"dependencies": {"express": "^4.19.2"}}"#), src);
    }

    /// `python:3.9` moved to 3.11 under `numpy==1.21.6`: no cp311 wheel, and 1.21 does not build on 3.11.
    #[test]
    fn no_move_past_the_python_pinned_packages_have_wheels_for() {
        use crate::rules::prelude::testing::fixed_with;
        let src =
            "FROM python:3.9-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n";
        let with = |text: &str| {
            let mut config = crate::config::Config::default();
            config
                .context_files
                .insert("requirements.txt".into(), text.into());
            fixed_with("DW1021", src, &config)
        };
        assert_eq!(with("fastapi==0.110.0\nnumpy==1.21.6\n"), src);
        assert_eq!(with("Pillow==9.0.1\n"), src);
        assert_ne!(with("numpy==1.26.4\npandas>=1.3\n"), src);
        let inline = "FROM python:3.9\nRUN pip install scikit-learn==1.0.2\n";
        assert_eq!(fixed("DW1021", inline), inline);
    }

    /// `debian:bullseye-slim` moved to bookworm kept `apt-get install libssl1.1`, which bookworm does not have
    /// (it ships `libssl3`): the build failed with "Unable to locate package".
    #[test]
    fn no_move_when_an_installed_package_is_gone_in_the_new_release() {
        assert_flagged_once_unfixed(
            "DW1021",
            &[
                "FROM debian:bullseye-slim\nRUN apt-get update && apt-get install -y libssl1.1 ca-certificates\n",
                "FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y python3.8\n",
                "FROM python:3.12-bullseye AS base\nFROM base\nRUN apt-get install -y libffi7\n",
            ],
        );
        for kept in [
            "FROM debian:bullseye-slim\nRUN apt-get update && apt-get install -y libssl3\n",
            // Ubuntu 22.04 still has OpenJDK 11 (Debian 12 does not).
            "FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y openjdk-11-jdk\n",
        ] {
            assert_ne!(fixed("DW1021", kept), kept);
        }
        assert_flagged_once_unfixed(
            "DW1021",
            &["FROM debian:buster\nRUN apt-get update && apt-get install -y openjdk-11-jdk\n"],
        );
    }

    /// Debian 12 refuses `pip install` into its own Python outside a virtual environment (PEP 668): moving
    /// `debian:bullseye` to bookworm under a system `pip install` broke the build.
    #[test]
    fn no_fix_into_an_externally_managed_python_for_a_system_pip_install() {
        let pip = "RUN apt-get update && apt-get install -y python3-pip\nRUN pip3 install flask\n";
        assert_flagged_once_unfixed(
            "DW1021",
            &[
                format!("FROM debian:bullseye\n{pip}"),
                format!("FROM debian:11-slim AS base\nFROM base\n{pip}"),
                "FROM debian:buster\nRUN python3 -m pip install -r requirements.txt\n".to_string(),
                // Alpine 3.19 and later mark their Python externally managed too.
                "FROM alpine:3.15\nRUN apk add --no-cache py3-pip\nRUN pip3 install flask\n"
                    .to_string(),
                // A patch release is read as its line (3.18.4 is 3.18).
                "FROM alpine:3.18.4\nRUN apk add --no-cache py3-pip\nRUN pip3 install flask\n"
                    .to_string(),
            ],
        );
        // A virtual environment, pip's own opt-out, an official Python image (pip in /usr/local) or Ubuntu
        // 22.04 (not externally managed) still move.
        for (before, after) in [
            (
                "FROM debian:bullseye\nRUN python3 -m venv /venv && /venv/bin/pip install flask\n",
                "FROM debian:bookworm\nRUN python3 -m venv /venv && /venv/bin/pip install flask\n",
            ),
            (
                "FROM debian:11\nRUN pip3 install --break-system-packages flask\n",
                "FROM debian:12\nRUN pip3 install --break-system-packages flask\n",
            ),
            (
                "FROM python:3.11-bullseye\nRUN pip install flask\n",
                "FROM python:3.11-bookworm\nRUN pip install flask\n",
            ),
            (
                "FROM ubuntu:20.04\nRUN pip3 install flask\n",
                "FROM ubuntu:22.04\nRUN pip3 install flask\n",
            ),
            (
                "FROM python:3.12-alpine3.15\nRUN pip install flask\n",
                "FROM python:3.12-alpine3.22\nRUN pip install flask\n",
            ),
        ] {
            assert_eq!(fixed("DW1021", before), after, "{before}");
        }
    }
    /// `golang:1.22` (bookworm) moved to `golang:1.26` (trixie, glibc 2.41) while its cgo binary runs on
    /// `debian:bookworm-slim` (glibc 2.36): the binary stopped with `version 'GLIBC_2.38' not found`.
    #[test]
    fn a_builder_stays_on_the_release_its_native_output_runs_on() {
        let go = "FROM golang:1.22 AS build\nRUN CGO_ENABLED=1 go build -o /out/app .\n\
                  FROM debian:bookworm-slim\nCOPY --from=build /out/app /app\n";
        assert_eq!(
            fixed("DW1021", go),
            go.replace("golang:1.22 ", "golang:1.26-bookworm ")
        );
        // Node.js writes the codename before `-slim`.
        let node = "FROM node:18-slim AS build\nRUN make -C native && cp native/addon.node /out/addon.node\n\
                    FROM node:22-bookworm-slim\nCOPY --from=build /out/addon.node /app/addon.node\n";
        assert_eq!(
            fixed("DW1021", node),
            node.replace("node:18-slim ", "node:22-bookworm-slim ")
        );
        // A runtime on bullseye moves to bookworm first; the builder then keeps bookworm.
        let old = "FROM golang:1.18 AS build\nRUN go build -o /out/app .\n\
                   FROM debian:bullseye-slim\nCOPY --from=build /out/app /app\n";
        assert_eq!(
            fixed("DW1021", old),
            old.replace("golang:1.18 ", "golang:1.26-bookworm ")
                .replace("bullseye-slim", "bookworm-slim")
        );
        // Ubuntu 24.04 (glibc 2.39) runs what bookworm (2.36) builds.
        let ubuntu = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\
                      FROM ubuntu:24.04\nCOPY --from=build /out/app /app\n";
        assert_eq!(
            fixed("DW1021", ubuntu),
            ubuntu.replace("golang:1.22 ", "golang:1.26-bookworm ")
        );
        // Output that needs no glibc of a release (a static build), or no later stage: the line's default.
        for moved in [
            "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\n\
             FROM debian:bookworm-slim\nCOPY --from=build /out/app /app\n",
            "FROM golang:1.22\nRUN go build -o /app .\n",
        ] {
            assert_eq!(
                fixed("DW1021", moved),
                moved.replace("golang:1.22", "golang:1.26")
            );
        }
    }

    /// Only the final stage moved from Python 3.8 to 3.11; the builder (`FROM python:${PY}-slim`) stayed and the
    /// copied `python3.8/site-packages` were no longer read: `ModuleNotFoundError`.
    #[test]
    fn no_move_of_one_stage_when_another_shares_its_python() {
        let copied = "FROM python:3.8-slim AS build\nRUN pip install flask\n\
                      FROM python:3.8-slim\nCOPY --from=build /usr/local/lib/python3.8/site-packages /usr/local/lib/python3.8/site-packages\n";
        assert_eq!(
            fixed("DW1021", copied),
            copied.replace("3.8", "3.11"),
            "both stages move and the paths follow"
        );
        // A path without a trailing slash moves too; a Debian Python's `/usr/lib/python3.9` is not the image's.
        let bare = "FROM python:3.9-slim AS b\nRUN true\nFROM python:3.9-slim\nCOPY --from=b /usr/local/lib/python3.9 /usr/local/lib/python3.9\n\
                    ENV OTHER=/usr/lib/python3.9/dist-packages\n";
        assert_eq!(
            fixed("DW1021", bare),
            bare.replace("3.9-slim", "3.11-slim")
                .replace("local/lib/python3.9", "local/lib/python3.11")
        );
        // A digest-pinned builder is not moved: nothing moves.
        let pinned = "FROM python:3.9-slim@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS b\n\
                      RUN true\nFROM python:3.9-slim\nCOPY --from=b /usr/local/lib/python3.9/site-packages /s\n";
        assert!(
            !fixed("DW1021", pinned).contains("python:3.11"),
            "{}",
            fixed("DW1021", pinned)
        );
        let student = "FROM python:3.9-slim AS builder\nRUN cp -r /usr/local/lib/python3.9/site-packages /site-packages\n\
                       FROM gcr.io/distroless/python3-debian12\nCOPY --from=builder /site-packages /site-packages\n";
        assert_eq!(fixed("DW1021", student), student.replace("3.9", "3.11"));
        let stuck = "ARG PY=3.8\nFROM python:${PY}-slim AS build\nRUN pip install flask\n\
                     FROM python:3.8-slim\nCOPY --from=build /usr/local/lib/python3.8/site-packages /usr/local/lib/python3.8/site-packages\n";
        assert_eq!(fixed("DW1021", stuck), stuck);
        let shared = "ARG PY=3.8\nFROM python:${PY}-slim AS build\nRUN python -m venv /venv\n\
                      FROM python:3.8-slim\nCOPY --from=build /venv /venv\n";
        let findings = lines("DW1021", shared);
        assert_eq!(fixed("DW1021", shared), shared, "{findings:?}");
    }
}
