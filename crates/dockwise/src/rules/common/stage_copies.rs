//! The two ends of every `COPY --from=<stage>`: which stage copies what from which, with both stages' facts, and
//! what the source stage installed where (pip targets, prefixes, virtualenvs). Shared by the rules that compare
//! the ends (Python packages, libc, cgo, venv paths).

use crate::model::{stage_facts, Libc, Model, StageFacts};
use crate::rules::prelude::*;

/// One `COPY --from=<earlier stage>`.
pub struct StageCopy<'c> {
    pub info: &'c InstructionInfo<'c>,
    pub from: &'c Stage,
    pub to: &'c Stage,
    pub from_facts: StageFacts,
    pub to_facts: StageFacts,
    /// Source paths, absolute (relative ones are relative to the source stage's root).
    pub sources: Vec<String>,
    pub destination: Option<String>,
}

/// Every `COPY --from=<earlier stage>` of the file, found and described once per analysis (five rules read them;
/// each stage's facts are worked out once per copy, not once per rule).
pub fn stage_copies<'c, 'a>(ctx: &'c Context<'a>) -> &'c [StageCopy<'a>] {
    ctx.stage_copies()
}

/// What [`stage_copies`] holds, built from the model.
pub(crate) fn find_stage_copies<'a>(model: &'a Model<'a>) -> Vec<StageCopy<'a>> {
    let mut out = Vec::new();
    for info in model
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Copy)
    {
        let (Some(to), Some(flag)) = (
            info.stage.and_then(|s| model.stages.get(s)),
            info.node.flag("from"),
        ) else {
            continue;
        };
        let Some(value) = flag.value.as_ref() else {
            continue;
        };
        let Some(from) = model
            .stage_named(&value.value)
            .and_then(|i| model.stages.get(i))
        else {
            continue;
        };
        if from.index >= to.index {
            continue;
        }
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        let sources = copy
            .sources
            .iter()
            // `COPY --from` sources are relative to the source stage's root, not its WORKDIR.
            .map(|w| absolute(&w.value, None))
            .collect();
        let destination = copy
            .destination
            .as_ref()
            .map(|w| absolute(&w.value, info.workdir.as_deref()));
        out.push(StageCopy {
            info,
            from,
            to,
            from_facts: stage_facts(model, from),
            to_facts: stage_facts(model, to),
            sources,
            destination,
        });
    }
    out
}

/// `path` made absolute against `workdir` (`/` when none), trailing slashes and `./` removed.
pub fn absolute(path: &str, workdir: Option<&str>) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{}", workdir.unwrap_or("/").trim_end_matches('/'), path)
    };
    let parts: Vec<&str> = joined
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    format!("/{}", parts.join("/"))
}

/// Where Python packages live after a stage's `RUN`s: `pip install --target/-t DIR`, `--prefix DIR`, `--user`
/// (`/root/.local`), `python -m venv DIR`, `virtualenv DIR`, `uv venv DIR`. The bool is true for a virtualenv.
pub fn python_package_dirs(ctx: &Context, stage: &Stage) -> Vec<(String, bool)> {
    let mut dirs = Vec::new();
    for info in ctx.stage_instructions(stage) {
        for command in info.commands() {
            let words: Vec<&str> = command.words.iter().map(|w| w.value.as_str()).collect();
            let Some(name) = words.first() else { continue };
            let workdir = info.workdir.as_deref();
            let is_pip = name.starts_with("pip") || words.windows(2).any(|w| w == ["-m", "pip"]);
            if is_pip && words.contains(&"install") {
                for (i, w) in words.iter().enumerate() {
                    let value = match *w {
                        "--target" | "-t" | "--prefix" => words.get(i + 1).copied(),
                        "--user" => Some("/root/.local"),
                        _ => w
                            .strip_prefix("--target=")
                            .or_else(|| w.strip_prefix("--prefix=")),
                    };
                    if let Some(dir) = value.filter(|d| !d.contains('$')) {
                        dirs.push((absolute(dir, workdir), false));
                    }
                }
            }
            let venv_at = if words.windows(2).any(|w| w == ["-m", "venv"]) || *name == "virtualenv"
            {
                words
                    .iter()
                    .skip(1)
                    .rev()
                    .find(|w| !w.starts_with('-') && **w != "venv")
            } else if *name == "uv" && words.get(1) == Some(&"venv") {
                words.iter().skip(2).find(|w| !w.starts_with('-'))
            } else {
                None
            };
            if let Some(dir) = venv_at.filter(|d| !d.contains('$')) {
                dirs.push((absolute(dir, workdir), true));
            }
        }
    }
    dirs
}

/// True when `path` is `dir` or inside it, or holds it (`/app` holds `/app/deps`).
pub fn overlaps(path: &str, dir: &str) -> bool {
    let within =
        |a: &str, b: &str| a == b || a.starts_with(&format!("{}/", b.trim_end_matches('/')));
    within(path, dir) || within(dir, path)
}

/// The copied sources that are Python packages: a known package directory of the source stage, or a path that
/// names one (`site-packages`, a venv, `/usr/local/lib/python3.x`).
pub fn copied_python_packages(ctx: &Context, copy: &StageCopy) -> Option<String> {
    let dirs = python_package_dirs(ctx, copy.from);
    copy.sources
        .iter()
        .find(|s| {
            dirs.iter().any(|(d, _)| overlaps(s, d))
                || s.contains("site-packages")
                || s.contains("dist-packages")
                || s.contains("/lib/python3")
                || s.split('/').any(|p| p == "venv" || p == ".venv")
        })
        .cloned()
}

/// Go modules that are C code underneath (`go-sqlite3` wraps SQLite's C source): built with `CGO_ENABLED=0`
/// they compile to stubs that fail when called ("go-sqlite3 requires cgo to work").
const CGO_MODULES: &[&str] = &[
    "github.com/mattn/go-sqlite3",
    "github.com/confluentinc/confluent-kafka-go",
    "gopkg.in/confluentinc/confluent-kafka-go",
    "github.com/linxGnu/grocksdb",
    "github.com/tecbot/gorocksdb",
    "gocv.io/x/gocv",
    "github.com/go-gl/glfw",
];

/// Whether the context's `go.mod` (when the front end read it) requires a module that needs cgo.
fn requires_cgo_module(ctx: &Context) -> bool {
    ctx.config.context_files.get("go.mod").is_some_and(|text| {
        text.lines()
            .map(|l| l.trim().trim_start_matches("require").trim_start())
            .any(|l| CGO_MODULES.iter().any(|m| l.starts_with(m)))
    })
}

/// `CGO_ENABLED=0` before each `go build` of `builds` (from [`cgo_go_builds`]): a static binary that needs no
/// libc, for a runtime with none (DW1023) or with another (DW1030). `None` when `go.mod` requires a module that
/// needs cgo: the binary would build and then fail at run time.
pub fn static_go_build_fix(ctx: &Context, builds: &[Span]) -> Option<Fix> {
    if requires_cgo_module(ctx) {
        return None;
    }
    Some(Fix::unsafe_(
        "Build with CGO_ENABLED=0",
        builds
            .iter()
            .map(|span| Edit::insert(span.start, "CGO_ENABLED=0 ".to_string()))
            .collect(),
    )
    .explained(
        "`go build` now runs with `CGO_ENABLED=0` and produces a static binary that runs without libc; a \
         program that calls C code (`import \"C\"`) no longer builds, and must be built on the runtime's libc or \
         run on an image that has the one it was built against (`distroless/base`).",
    ))
}

/// The `go` words of `go build` commands in a stage that run with cgo on: the stage has a C compiler (its image
/// or an installed `gcc`/`build-base`) and neither `CGO_ENABLED=0` (ENV, ARG, export, prefix) nor a static
/// build (`-tags netgo`, `-extldflags -static`).
pub fn cgo_go_builds(ctx: &Context, stage: &Stage, facts: &StageFacts) -> Vec<Span> {
    let instructions = ctx.stage_instructions(stage);
    let installs_compiler = instructions.iter().flat_map(|i| i.commands()).any(|c| {
        (c.is("apk") || c.is("apt-get") || c.is("apt"))
            && c.args().iter().any(|w| {
                matches!(
                    w.value.as_str(),
                    "gcc" | "build-base" | "musl-dev" | "clang"
                )
            })
    });
    if facts.c_toolchain != Some(true) && !installs_compiler {
        return Vec::new();
    }
    let mut builds = Vec::new();
    for info in instructions {
        if info.scope.get("CGO_ENABLED") == Some("0") {
            continue;
        }
        let exported = info.commands().any(|c| {
            c.words
                .iter()
                .chain(&c.assignments)
                .any(|w| w.value == "CGO_ENABLED=0")
        });
        if exported {
            continue;
        }
        for c in info.commands() {
            let static_flags = c.words.iter().any(|w| {
                w.value.contains("netgo")
                    || (w.value.contains("extldflags") && w.value.contains("static"))
            });
            if c.is("go") && c.args().first().is_some_and(|w| w.value == "build") && !static_flags {
                if let Some(go) = c.words.first() {
                    builds.push(go.span);
                }
            }
        }
    }
    builds
}

/// What in the stage builds native code (DW1030; DW1021 asks before moving a builder's release), described (`` `npm ci` ``), if anything, with the fix when that is only
/// `go build` with cgo on (a static build runs on either libc; other native code has no such switch).
pub fn native_build(
    ctx: &Context,
    facts: &crate::model::StageFacts,
    stage: &Stage,
    libc: Libc,
    modules: bool,
    files: bool,
) -> Option<(String, Option<Fix>)> {
    let go_builds = if files {
        cgo_go_builds(ctx, stage, facts)
    } else {
        Vec::new()
    };
    let other = other_native_build(ctx, stage, libc, modules, files);
    if go_builds.is_empty() {
        return other.map(|what| (what, None));
    }
    let fix = other
        .is_none()
        .then(|| static_go_build_fix(ctx, &go_builds))
        .flatten();
    Some(("`go build` with cgo on".to_string(), fix))
}

/// Native code other than Go's that the stage builds, described.
fn other_native_build(
    ctx: &Context,
    stage: &Stage,
    libc: Libc,
    modules: bool,
    files: bool,
) -> Option<String> {
    for info in ctx.stage_instructions(stage) {
        for c in info.commands() {
            let name = c.program().unwrap_or("");
            let sub = c.args().first().map(|w| w.value.as_str()).unwrap_or("");
            let native = match name {
                "gcc" | "g++" | "cc" | "c++" | "clang" | "make" | "cmake" => files,
                "cargo" => files && sub == "build" && libc == Libc::Glibc,
                "npm" => modules && matches!(sub, "ci" | "install" | "i"),
                "yarn" => modules && matches!(sub, "" | "install"),
                "pnpm" => modules && matches!(sub, "install" | "i"),
                _ => false,
            };
            if native {
                let text: Vec<&str> = c.words.iter().take(2).map(|w| w.value.as_str()).collect();
                return Some(format!("`{}`", text.join(" ")));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::common::with_context;

    #[test]
    fn finds_both_ends_and_python_package_dirs() {
        let src = "FROM python:3.11-alpine AS build\nWORKDIR /app\nRUN pip install --target=deps -r r.txt\n\
                   RUN python -m venv /opt/venv\nFROM gcr.io/distroless/python3-debian12\nWORKDIR /srv\n\
                   COPY --from=build /app /app\nCOPY --from=0 app.py .\n";
        with_context(src, |ctx| {
            let copies = stage_copies(ctx);
            assert_eq!(copies.len(), 2);
            assert_eq!(copies[0].sources, ["/app"]);
            assert_eq!(copies[1].sources, ["/app.py"]);
            assert_eq!(copies[1].destination.as_deref(), Some("/srv"));
            assert_eq!(copies[0].from_facts.python(), Some("3.11"));
            assert_eq!(
                python_package_dirs(ctx, copies[0].from),
                [
                    ("/app/deps".to_string(), false),
                    ("/opt/venv".to_string(), true)
                ]
            );
            assert_eq!(
                copied_python_packages(ctx, &copies[0]).as_deref(),
                Some("/app")
            );
        });
    }
}
