//! `apk add` of build dependencies without `--virtual` and `apk del` in the same `RUN`.

use super::edits::{append_to_run, command_span, final_image_stages};
use crate::model::stage_image::{
    apk_virtual_names, later_runs, runs_one_of, unique_name, BUILD_TOOLS,
};
use crate::rules::common::stages::runs_as_root;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1007",
    name: "apk-build-deps-virtual",
    category: Category::ImageSize,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe, and offered only when every package of that `apk add` is a build dependency: the packages are \
         grouped as `.build-deps` and removed at the end of the `RUN`, so anything that needs them at run time (a \
         `-dev` package's shared library, `make` in the `CMD`) breaks. The shared libraries of known `-dev` packages \
         (`postgresql-dev` → `libpq`, `libffi-dev` → `libffi`, `jpeg-dev` → `libjpeg-turbo`...) are installed by \
         an `apk add --no-cache` of their own first, so they stay; other libraries must be added by hand. When a \
         later `RUN` builds something (`pip`, `npm`, `make`, `gcc`, `cargo`...), the compiler must outlive this \
         `RUN`: a `RUN` that only installs moves, as the group, to the start of that later `RUN` (deleted at its \
         end) when it is the only one that builds, in the same stage, runs as root, in shell form, without a \
         leading `set`, a top-level `||` or an apk command; otherwise no fix. The group gets a name no other \
         `--virtual` uses. For a group the file already deletes, the fix installs the libraries its `-dev` \
         packages bring (`libpq`) on their own first, so they stay."
    )),
    docs: rule_docs! {
        what: "Flags an `apk add` in the final image's stages that installs build dependencies (`build-base`, \
               `gcc`, `g++`, `make`, `musl-dev`, `linux-headers`, `*-dev` packages...) that the same `RUN` never \
               removes: neither as a `--virtual` group deleted with `apk del`, nor by name. Also flags a \
               `--virtual` group that the same `RUN` never deletes, and one it deletes that takes along the \
               shared library of a `-dev` package (`postgresql-dev`'s `libpq`) the stage installs nowhere else.",
        why: "Compilers and headers are needed to build native extensions, not to run them. Left in the image \
              they add tens to hundreds of MB and tools an attacker can use. Removing them in a later `RUN` does \
              not help: the bytes stay in the earlier layer.",
        example: "FROM python:3.12-alpine\nCOPY requirements.txt .\n\
                  RUN apk add --no-cache gcc musl-dev && pip install --no-cache-dir -r requirements.txt\n",
        fixed: "FROM python:3.12-alpine\nCOPY requirements.txt .\n\
                RUN apk add --virtual .build-deps --no-cache gcc musl-dev && pip install --no-cache-dir -r \
                requirements.txt && apk del .build-deps\n",
    },
    check,
    ..Rule::DEFAULTS
};

const BUILD_PACKAGES: &[&str] = &[
    "build-base",
    "gcc",
    "g++",
    "clang",
    "make",
    "cmake",
    "autoconf",
    "automake",
    "libtool",
    "pkgconf",
    "pkgconfig",
    "linux-headers",
    "musl-dev",
    "libc-dev",
    "cargo",
    "rust",
    "binutils",
    "gfortran",
    "bison",
    "flex",
];

/// Alpine's `-dev` packages whose shared library what is built against them loads at run time: deleting the
/// group must not take the library too (`apk del` removes what nothing else needs). Libraries every Alpine image
/// keeps (musl, zlib, OpenSSL's, which apk itself uses) are not listed.
const RUNTIME_LIBRARIES: &[(&str, &str)] = &[
    ("postgresql-dev", "libpq"),
    ("libpq-dev", "libpq"),
    ("libffi-dev", "libffi"),
    ("jpeg-dev", "libjpeg-turbo"),
    ("libjpeg-turbo-dev", "libjpeg-turbo"),
    ("libxml2-dev", "libxml2"),
    ("libxslt-dev", "libxslt"),
    ("mariadb-dev", "mariadb-connector-c"),
    ("mariadb-connector-c-dev", "mariadb-connector-c"),
    ("freetype-dev", "freetype"),
    ("lcms2-dev", "lcms2"),
    ("libwebp-dev", "libwebp"),
    ("tiff-dev", "tiff"),
    ("openjpeg-dev", "openjpeg"),
    ("libpng-dev", "libpng"),
    ("yaml-dev", "yaml"),
    ("gmp-dev", "gmp"),
    ("geos-dev", "geos"),
    ("librdkafka-dev", "librdkafka"),
    ("libsodium-dev", "libsodium"),
    ("libmemcached-dev", "libmemcached-libs"),
    ("unixodbc-dev", "unixodbc"),
];

/// The runtime libraries of `packages`' `-dev` packages, each once, in order.
fn runtime_libraries(packages: &[&Word]) -> Vec<&'static str> {
    let mut libraries = Vec::new();
    for word in packages {
        let name = package_name(&word.value);
        let library = RUNTIME_LIBRARIES.iter().find(|(dev, _)| *dev == name);
        if let Some((_, library)) = library.filter(|(_, l)| !libraries.contains(l)) {
            libraries.push(*library);
        }
    }
    libraries
}

fn package_name(word: &str) -> &str {
    word.split(['=', '~', '>', '<']).next().unwrap_or(word)
}

fn is_build_dep(word: &str) -> bool {
    let name = package_name(word);
    BUILD_PACKAGES.contains(&name) || (name.ends_with("-dev") && name.len() > 4)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let stages = final_image_stages(ctx);
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Run) {
        if !info.stage.is_some_and(|s| stages.contains(&s)) {
            continue;
        }
        let commands: Vec<&ShellCommand> = info.commands().collect();
        for (k, c) in commands.iter().enumerate() {
            if !c.is("apk") || c.subcommand() != Some("add") {
                continue;
            }
            let (virtual_name, packages) = read_add(c);
            let later = commands.get(k + 1..).unwrap_or(&[]);
            let deleted: Vec<&str> = later
                .iter()
                .filter(|d| d.is("apk") && d.subcommand() == Some("del"))
                .flat_map(|d| {
                    d.operands()
                        .filter(|w| w.value != "del")
                        .map(|w| package_name(&w.value))
                })
                .collect();
            if let Some(name) = &virtual_name {
                let runtime_group = name.contains("run") || name.contains("runtime");
                let has_build_deps = packages.iter().any(|w| is_build_dep(&w.value));
                if !deleted.contains(&name.as_str()) && !runtime_group && has_build_deps {
                    out.push(Diagnostic::new(
                        command_span(c),
                        format!(
                            "The virtual package `{name}` is never deleted in this `RUN`: its build dependencies \
                             stay in the layer. Add `apk del {name}` at the end of the same `RUN`."
                        ),
                    ));
                }
                if deleted.contains(&name.as_str()) {
                    if let Some(d) =
                        libraries_deleted_with_group(ctx, info, &commands, k, name, &packages)
                    {
                        out.push(d);
                    }
                }
                continue;
            }
            let build: Vec<&Word> = packages
                .iter()
                .copied()
                .filter(|w| is_build_dep(&w.value) && !deleted.contains(&package_name(&w.value)))
                .collect();
            if build.is_empty() {
                continue;
            }
            let names: Vec<&str> = build.iter().map(|w| w.value.as_str()).collect();
            let mut d = Diagnostic::new(
                command_span(c),
                format!(
                    "`apk add` installs build dependencies ({}) that stay in the image: they are only needed to \
                     compile. Install them as a group (`apk add --virtual .build-deps ...`) and remove it with \
                     `apk del .build-deps` at the end of the same `RUN`, or build in a separate stage.",
                    names.join(", ")
                ),
            );
            // A later RUN that builds (pip, npm, make...) may need the compiler: deleting it here breaks it.
            let builders: Vec<&InstructionInfo> = later_runs(ctx.model, info)
                .filter(|later| runs_one_of(later, BUILD_TOOLS).is_some())
                .collect();
            if build.len() == packages.len() && commands.len() == 1 {
                if let [builder] = builders[..] {
                    if let Some(fix) = moved_into_builder(ctx, info, c, builder, &build) {
                        d = d.with_fix(fix);
                    }
                }
            }
            if build.len() == packages.len() && builders.is_empty() {
                let group = unique_name(".build-deps", &apk_virtual_names(ctx.model));
                let libraries = runtime_libraries(&build);
                // The libraries go in a command of their own before the group's: only where `&&` keeps the
                // meaning (first in the script, or after `&&` or `;`, not in a pipeline or a compound).
                let keeps_libraries = libraries.is_empty()
                    || (c.at_top_level()
                        && matches!(c.joined_by, None | Some(Joiner::And | Joiner::Sequence))
                        && commands
                            .get(k + 1)
                            .is_none_or(|next| next.joined_by != Some(Joiner::Pipe)));
                if let (Some(add), Some(tail), true) = (
                    c.words.iter().find(|w| w.value == "add"),
                    append_to_run(ctx, info, &format!("apk del {group}")),
                    keeps_libraries,
                ) {
                    let mut edits = vec![
                        Edit::insert(add.span.end, format!(" --virtual {group}")),
                        tail,
                    ];
                    if !libraries.is_empty() {
                        edits.push(Edit::insert(
                            c.span.start,
                            kept_libraries_install(&libraries),
                        ));
                    }
                    d = d.with_fix(
                        Fix::unsafe_(format!("Group as {group} and delete it"), edits).explained(
                            format!(
                                "The build dependencies are removed at the end of the same RUN{}.",
                                kept_libraries_note(&libraries)
                            ),
                        ),
                    );
                }
            }
            out.push(d);
        }
    }
}

/// A `--virtual` group deleted in its `RUN` that holds `-dev` packages whose shared library what was built loads
/// at run time (`postgresql-dev` brings `libpq`): `apk del` removes the library with the group unless the stage
/// installs it on its own, and the app then fails with `Error loading shared library libpq.so.5`. The fix
/// installs those libraries first, outside the group.
fn libraries_deleted_with_group(
    ctx: &Context,
    info: &InstructionInfo,
    commands: &[&ShellCommand],
    k: usize,
    group: &str,
    packages: &[&Word],
) -> Option<Diagnostic> {
    let c = commands.get(k)?;
    let stage = ctx.stages.get(info.stage?)?;
    // What every other `apk add` of the stage (and the stages it builds on) installs and keeps: outside a group,
    // or in a group its `RUN` does not delete (`.rundeps`).
    let mut kept: Vec<String> = Vec::new();
    for other in ctx
        .stage_chain(stage)
        .flat_map(|s| ctx.stage_instructions(s))
    {
        // Run dependencies found with `scanelf` and installed through `xargs apk add` are not known here.
        if other
            .commands()
            .any(|a| a.is("scanelf") || a.is("xargs") && a.has_word("apk"))
        {
            return None;
        }
        let adds = other
            .commands()
            .filter(|a| a.is("apk") && a.subcommand() == Some("add") && a.span != c.span);
        for add in adds {
            let (group, names) = read_add(add);
            let deleted = group.as_ref().is_some_and(|g| {
                other.commands().any(|d| {
                    d.is("apk")
                        && d.subcommand() == Some("del")
                        && d.operands().any(|w| &w.value == g)
                })
            });
            if names.iter().any(|w| w.value.contains('$')) {
                // `apk add --virtual .rundeps $runDeps` (found with scanelf): the libraries are not known.
                return None;
            }
            if !deleted {
                kept.extend(names.iter().map(|w| package_name(&w.value).to_string()));
            }
        }
    }
    let official_python = matches!(
        ctx.root_base(stage),
        Base::Image(image) if image.is_official() && image.repository() == "python"
    );
    let libraries: Vec<&str> = runtime_libraries(packages)
        .into_iter()
        .filter(|l| !kept.iter().any(|k| k == l || depends_on(k, l)))
        // The python image keeps libffi for its own `ctypes`.
        .filter(|l| !(official_python && *l == "libffi"))
        .collect();
    if libraries.is_empty() {
        return None;
    }
    let mut d = Diagnostic::new(
        command_span(c),
        format!(
            "`apk del {group}` also removes {}, which the `-dev` packages of the group brought in and what is \
             built against them loads at run time (`Error loading shared library`). Install {} on its own, \
             outside the group.",
            libraries.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", "),
            if libraries.len() == 1 { "it" } else { "them" }
        ),
    );
    let alone = c.at_top_level()
        && matches!(c.joined_by, None | Some(Joiner::And | Joiner::Sequence))
        && commands
            .get(k + 1)
            .is_none_or(|next| next.joined_by != Some(Joiner::Pipe));
    if alone {
        d = d.with_fix(
            Fix::unsafe_(
                format!("Install {} outside the group", libraries.join(" ")),
                vec![Edit::insert(
                    c.span.start,
                    kept_libraries_install(&libraries),
                )],
            )
            .explained(format!(
                "The runtime libraries stay when `{group}` is deleted{}.",
                kept_libraries_note(&libraries)
            )),
        );
    }
    Some(d)
}

/// Whether installing `package` keeps `library` (`postgresql-client` depends on `libpq`).
fn depends_on(package: &str, library: &str) -> bool {
    let dependents: &[(&str, &str)] =
        &[("postgresql", "libpq"), ("mariadb", "mariadb-connector-c")];
    !package.ends_with("-dev")
        && dependents
            .iter()
            .any(|(prefix, lib)| *lib == library && package.starts_with(prefix))
}

/// `apk add --no-cache LIBS && `: the shared libraries of the removed `-dev` packages, installed on their own so
/// that deleting the group keeps them.
fn kept_libraries_install(libraries: &[&str]) -> String {
    format!("apk add --no-cache {} && ", libraries.join(" "))
}

/// What the explanation says of those libraries (nothing when there are none).
fn kept_libraries_note(libraries: &[&str]) -> String {
    if libraries.is_empty() {
        return String::new();
    }
    format!(
        "; the libraries the app loads at run time ({}) are installed on their own and stay",
        libraries.join(" ")
    )
}

/// `RUN apk add gcc musl-dev` alone, and `builder`, the one later `RUN` that builds (`pip install`, `make`): the
/// `apk add` moves to the start of that `RUN` as a group that its end deletes, the libraries of the `-dev`
/// packages installed on their own first. Only for a builder in the same stage that runs as root, in shell form,
/// whose script starts with the build (no `set` first), has no top-level `||` whose fallback the moved install
/// would change, and runs no apk of its own.
fn moved_into_builder(
    ctx: &Context,
    info: &InstructionInfo,
    add_command: &ShellCommand,
    builder: &InstructionInfo,
    build: &[&Word],
) -> Option<Fix> {
    if builder.stage != info.stage
        || !runs_as_root(ctx, builder)
        || !builder.shell.is_posix()
        || !builder.node.heredocs.is_empty()
        || !matches!(builder.node.body, Body::Command(Command::Shell(_)))
        || !info.node.flags.is_empty()
    {
        return None;
    }
    let first = builder.commands().next()?;
    let plain_chain = builder
        .commands()
        .all(|c| !(c.at_top_level() && c.joined_by == Some(Joiner::Or)));
    // A builder that runs apk itself (`apk del build-base` at its end) would fight over the same packages.
    let runs_apk = builder.commands().any(|c| c.is("apk"));
    if first.is("set") || !plain_chain || runs_apk {
        return None;
    }
    let group = unique_name(".build-deps", &apk_virtual_names(ctx.model));
    let add = add_command.words.iter().find(|w| w.value == "add")?;
    let moved = format!(
        "{} --virtual {group}{}",
        ctx.text(Span::new(add_command.span.start, add.span.end)),
        ctx.text(Span::new(add.span.end, add_command.span.end))
    );
    let libraries = runtime_libraries(build);
    let keep = if libraries.is_empty() {
        String::new()
    } else {
        kept_libraries_install(&libraries)
    };
    let line = ctx.model.line_of(builder.node.span.start);
    Some(
        Fix::unsafe_(
            format!("Move into the RUN that builds, as {group}, and delete it"),
            vec![
                Edit::delete(info.node.span),
                Edit::insert(first.span.start, format!("{keep}{moved} && ")),
                append_to_run(ctx, builder, &format!("apk del {group}"))?,
            ],
        )
        .explained(format!(
            "The build dependencies are installed in the `RUN` that compiles with them (line {line}) and \
             deleted at its end, so they never reach a layer{}.",
            kept_libraries_note(&libraries)
        )),
    )
}

/// The `--virtual`/`-t` name and the package words of an `apk add`.
fn read_add(c: &ShellCommand) -> (Option<String>, Vec<&Word>) {
    let mut virtual_name = None;
    let mut packages = Vec::new();
    let mut seen_add = false;
    let args = c.args();
    let mut k = 0;
    while let Some(w) = args.get(k) {
        let v = w.value.as_str();
        if let Some(name) = v.strip_prefix("--virtual=") {
            virtual_name = Some(name.to_string());
        } else if v == "--virtual" || v == "-t" {
            virtual_name = args.get(k + 1).map(|n| n.value.clone());
            k += 1;
        } else if matches!(
            v,
            "--repository" | "-X" | "--root" | "-p" | "--arch" | "--cache-dir" | "--keys-dir"
        ) {
            k += 1;
        } else if !v.starts_with('-') {
            if !seen_add && v == "add" {
                seen_add = true;
            } else {
                packages.push(w);
            }
        }
        k += 1;
    }
    (virtual_name, packages)
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn catches_build_deps_left_in_the_layer() {
        assert_eq!(
            lines(
                "DW1007",
                "FROM alpine\nRUN apk add --no-cache build-base libffi-dev && make\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW1007", "FROM alpine\nRUN apk add gcc\nRUN apk del gcc\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_a_virtual_group_never_deleted() {
        assert_eq!(
            lines(
                "DW1007",
                "FROM alpine\nRUN apk add --virtual .deps gcc && make\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_cleaned_groups_runtime_packages_or_builder_stages() {
        let ok = "FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && make \\\n && apk del .build-deps\n";
        assert!(lines("DW1007", ok).is_empty());
        assert!(lines(
            "DW1007",
            "FROM alpine\nRUN apk add gcc && make && apk del gcc\n"
        )
        .is_empty());
        assert!(lines(
            "DW1007",
            "FROM alpine\nRUN apk add --no-cache curl libpq tzdata\n"
        )
        .is_empty());
        assert!(lines(
            "DW1007",
            "FROM alpine AS build\nRUN apk add build-base\nFROM alpine\nCOPY --from=build /a /a\n"
        )
        .is_empty());
    }

    #[test]
    fn fix_groups_and_deletes_when_all_packages_are_build_deps() {
        assert_eq!(
            fixed("DW1007", "FROM alpine\nRUN apk add --no-cache gcc musl-dev \\\n    && make\n"),
            "FROM alpine\nRUN apk add --virtual .build-deps --no-cache gcc musl-dev \\\n    && make && apk del .build-deps\n"
        );
        let mixed = "FROM alpine\nRUN apk add gcc libpq && make\n";
        assert_eq!(fixed("DW1007", mixed), mixed);
    }

    /// `postgresql-dev` went into the deleted group, and with it `libpq`: psycopg2, built against it, then failed to
    /// import at run time. The libraries the `-dev` packages stand for are installed first, and stay.
    #[test]
    fn runtime_libraries_of_dev_packages_are_kept() {
        assert_eq!(
            fixed(
                "DW1007",
                "FROM python:3.12-alpine\nRUN apk add --no-cache gcc musl-dev postgresql-dev libffi-dev && pip install -r r.txt\n"
            ),
            "FROM python:3.12-alpine\nRUN apk add --no-cache libpq libffi && apk add --virtual .build-deps --no-cache gcc \
             musl-dev postgresql-dev libffi-dev && pip install -r r.txt && apk del .build-deps\n"
        );
        // Where a library could not be kept that way (after `||`, in a pipeline), no fix.
        assert_unfixed(
            "DW1007",
            &["FROM alpine\nRUN true || apk add --no-cache gcc postgresql-dev && make\n"],
        );
    }

    /// The ask: build dependencies installed in one `RUN` and used by a later one (`pip install` after
    /// `COPY requirements.txt`) move into that `RUN`, grouped and deleted at its end.
    #[test]
    fn build_deps_move_into_the_one_later_run_that_builds() {
        assert_eq!(
            fixed(
                "DW1007",
                "FROM python:3.12-alpine\nWORKDIR /app\nRUN apk add --no-cache gcc musl-dev postgresql-dev\n\
                 COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
            ),
            "FROM python:3.12-alpine\nWORKDIR /app\nCOPY requirements.txt .\nRUN apk add --no-cache libpq && apk add \
             --virtual .build-deps --no-cache gcc musl-dev postgresql-dev && pip install -r requirements.txt && apk \
             del .build-deps\nCOPY . .\n"
        );
    }

    #[test]
    fn no_move_when_more_than_one_later_run_builds_or_the_builder_is_not_root() {
        for later in [
            "RUN pip install -r requirements.txt\nRUN make",
            "USER 1000\nRUN pip install -r requirements.txt",
            "RUN set -e; pip install -r requirements.txt",
            "RUN pip install -r a.txt || true",
            "RUN pip install . && apk del gcc",
            "RUN [\"pip\", \"install\", \"flask\"]",
        ] {
            let src = format!(
                "FROM python:3.12-alpine\nRUN apk add --no-cache gcc musl-dev\nCOPY . .\n{later}\n"
            );
            assert_eq!(lines("DW1007", &src), vec![2], "{later}");
            assert_eq!(fixed("DW1007", &src), src, "{later}");
        }
        // The later build is in another stage, or the install does more than install.
        assert_unfixed(
            "DW1007",
            &[
                "FROM python:3.12-alpine AS base\nRUN apk add --no-cache gcc\nFROM base\nRUN pip install x\n",
                "FROM python:3.12-alpine\nRUN apk add --no-cache gcc && echo ok\nRUN pip install x\n",
            ],
        );
    }

    #[test]
    fn the_group_name_is_not_one_already_used() {
        let src = "FROM alpine\nRUN apk add --no-cache --virtual .build-deps curl\n\
                   RUN apk add gcc && make\n";
        assert_eq!(
            fixed("DW1007", src),
            "FROM alpine\nRUN apk add --no-cache --virtual .build-deps curl\n\
             RUN apk add --virtual .build-deps-2 gcc && make && apk del .build-deps-2\n"
        );
    }

    #[test]
    fn mixed_packages_get_no_fix() {
        let mixed = "FROM alpine\nRUN apk add gcc libpq && make\n";
        assert_eq!(fixed("DW1007", mixed), mixed);
    }

    /// The file's own `.build-deps` held `postgresql-dev`: `apk del .build-deps` took `libpq` with it and psycopg2
    /// failed to import (`Error loading shared library libpq.so.5`).
    #[test]
    fn a_deleted_group_keeps_its_runtime_libraries() {
        let source = "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev \
                      && pip install psycopg2 && apk del .build-deps\n";
        assert_eq!(lines("DW1007", source).len(), 1);
        assert_eq!(
            fixed("DW1007", source),
            source.replace("RUN apk add", "RUN apk add --no-cache libpq && apk add")
        );
        // A group of run dependencies kept (`.rundeps`, found by scanelf), a client that depends on the library,
        // libffi on the python image (its own ctypes keeps it): nothing is lost.
        for kept in [
            "FROM alpine:3.22\nRUN apk add --no-cache --virtual .build-deps gcc postgresql-dev && make \
             && runDeps=\"$(scanelf --needed /usr/local)\" && apk add --no-cache --virtual .rundeps $runDeps \
             && apk del .build-deps\n",
            "FROM alpine:3.22\nRUN apk add --no-cache --virtual .build-deps gcc postgresql-dev && make \
             && find /usr/local -type f -exec scanelf --needed --nobanner '{}' ';' \
             | xargs -rt apk add --no-cache --virtual .rundeps && apk del .build-deps\n",
            "FROM alpine:3.22\nRUN apk add --no-cache --virtual .run-deps libpq\n\
             RUN apk add --no-cache --virtual .build-deps gcc postgresql-dev && make && apk del .build-deps\n",
            "FROM alpine:3.22\nRUN apk add --no-cache postgresql-client\n\
             RUN apk add --no-cache --virtual .build-deps gcc postgresql-dev && make && apk del .build-deps\n",
            "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc libffi-dev && pip install cffi \
             && apk del .build-deps\n",
        ] {
            assert!(
                !lines_with_message(kept).iter().any(|m| m.contains("also removes")),
                "{kept}"
            );
        }
        // The library installed on its own is kept.
        let kept = "FROM python:3.12-alpine\nRUN apk add --no-cache libpq\n\
                    RUN apk add --no-cache --virtual .build-deps gcc postgresql-dev && pip install psycopg2 && apk del .build-deps\n";
        assert!(lines("DW1007", kept).is_empty());
    }

    fn lines_with_message(source: &str) -> Vec<String> {
        crate::lint::lint(source, &crate::Config::default())
            .findings
            .into_iter()
            .filter(|f| f.rule.code == "DW1007")
            .map(|f| f.diagnostic.message)
            .collect()
    }
}
