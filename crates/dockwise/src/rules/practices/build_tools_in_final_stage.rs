//! DW1006: compilers, headers and build steps in the final stage (no multi-stage build).

use crate::rewrite::as_lines;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1006",
    name: "build-tools-in-final-stage",
    category: Category::ImageSize,
    severity: Severity::Info,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe, and offered only for patterns recognised with confidence: a single-stage Go build (`go build -o \
         BINARY`; the runtime is `gcr.io/distroless/static-debian12` when `CGO_ENABLED=0`, else \
         `gcr.io/distroless/base-debian12`), a Rust build (`cargo build --release` with the binary under \
         `target/release/`; runtime `gcr.io/distroless/cc-debian12`) or a Maven/Gradle build run with `java -jar \
         JAR` (runtime `eclipse-temurin:<major>-jre` when the build image's tag names the Java version), started \
         by an exec-form `CMD`/`ENTRYPOINT`, with nothing but metadata after the build. The runtime image has no \
         shell, no package manager and none of the build stage's files, environment or tools: an app that shells \
         out or links libraries such as OpenSSL needs a fuller base. Files the build stage copies in besides \
         sources and build manifests (`templates/`, `static/`, config) are copied into the runtime stage too; when \
         the whole context is copied (`COPY . .`) we cannot tell what the app reads at run time, and no fix is \
         offered. On `golang:*-alpine` the build gets `CGO_ENABLED=0`: a musl-linked binary cannot run on the \
         glibc distroless images. Elsewhere (Node, Python, packages) the finding is advice: move the build into a \
         builder stage and copy the result."
    )),
    docs: rule_docs! {
        what: "Flags build tooling that stays in the final image: compiler and header packages (`gcc`, `g++`, \
               `build-base`, `build-essential`, `musl-dev`, `*-dev`/`*-devel` packages) that are not removed in \
               the same `RUN`, and build steps (`go build`, `cargo build`, `npm run build`, `yarn build`, `mvn \
               package`, `gradle build`) in the final stage.",
        why: "Compilers, headers and build caches are hundreds of megabytes the running app never uses, and \
              every tool in the image is one more thing to patch and one more tool for an attacker. A builder \
              stage compiles; the final stage receives only the result (`COPY --from=build`).",
        example: "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN CGO_ENABLED=0 go build -o /bin/app .\n\
                  ENTRYPOINT [\"/bin/app\"]\n",
        fixed: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN CGO_ENABLED=0 go build -o /bin/app .\n\
                FROM gcr.io/distroless/static-debian12\nCOPY --from=build /bin/app /bin/app\n\
                ENTRYPOINT [\"/bin/app\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn is_build_package(name: &str) -> bool {
    let name = name.split(['=', '>', '<']).next().unwrap_or(name);
    matches!(
        name,
        "gcc"
            | "g++"
            | "clang"
            | "build-base"
            | "build-essential"
            | "musl-dev"
            | "libc-dev"
            | "libc6-dev"
            | "linux-headers"
            | "gcc-c++"
            | "autoconf"
            | "automake"
            | "libtool"
            | "cmake"
    ) || name.ends_with("-dev")
        || name.ends_with("-devel")
}

/// Build packages installed by `c` and not removed again in the same `RUN`.
fn build_packages<'c>(info: &'c InstructionInfo, c: &'c ShellCommand) -> Vec<&'c str> {
    let installs = (c.is("apk") && c.subcommand() == Some("add"))
        || (c.is("apt-get") || c.is("apt") || c.is("yum") || c.is("dnf") || c.is("microdnf"))
            && c.subcommand() == Some("install");
    if !installs {
        return Vec::new();
    }
    let virtual_name = c
        .flag_value("--virtual")
        .or_else(|| c.flag_value("-t"))
        .map(|w| w.value);
    let virtual_name = virtual_name.as_deref();
    let removed: Vec<&str> = info
        .commands()
        .filter(|r| {
            (r.is("apk") && r.subcommand() == Some("del"))
                || (r.is("apt-get") || r.is("apt") || r.is("yum") || r.is("dnf"))
                    && matches!(
                        r.subcommand(),
                        Some("purge" | "remove" | "autoremove" | "erase")
                    )
        })
        .flat_map(|r| r.operands().map(|w| w.value.as_str()))
        .collect();
    if virtual_name.is_some_and(|v| removed.contains(&v)) {
        return Vec::new();
    }
    // Debian's official-image idiom: `apt-mark auto '.*'` then `apt-get purge --auto-remove` drops every
    // package installed in this RUN that the result does not need.
    let marks_auto = info
        .commands()
        .any(|r| r.is("apt-mark") && r.subcommand() == Some("auto"));
    let auto_removes = info.commands().any(|r| {
        (r.is("apt-get") || r.is("apt"))
            && (r.subcommand() == Some("autoremove")
                || r.has_flag("--auto-remove")
                || r.has_flag("--autoremove"))
    });
    if marks_auto && auto_removes {
        return Vec::new();
    }
    c.operands()
        .skip(1)
        .map(|w| w.value.as_str())
        .filter(|p| Some(*p) != virtual_name && is_build_package(p) && !removed.contains(p))
        .collect::<Vec<&'c str>>()
}

fn build_step(c: &ShellCommand) -> Option<&'static str> {
    let sub = c.subcommand();
    match c.program()? {
        "go" if sub == Some("build") => Some("go build"),
        "cargo" if sub == Some("build") => Some("cargo build"),
        "npm" if sub == Some("run") && c.operands().nth(1).is_some_and(|w| w.value == "build") => {
            Some("npm run build")
        }
        "yarn" | "pnpm"
            if sub == Some("build")
                || sub == Some("run")
                    && c.operands().nth(1).is_some_and(|w| w.value == "build") =>
        {
            Some("yarn build")
        }
        "mvn" | "mvnw"
            if c.operands()
                .any(|w| matches!(w.value.as_str(), "package" | "install" | "verify")) =>
        {
            Some("mvn package")
        }
        "gradle" | "gradlew"
            if c.operands().any(|w| {
                matches!(
                    w.value.as_str(),
                    "build" | "assemble" | "bootJar" | "installDist"
                )
            }) =>
        {
            Some("gradle build")
        }
        _ => None,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let mut fix_attached = false;
    for info in ctx.stage_instructions(stage) {
        if info.kind() != Keyword::Run {
            continue;
        }
        for c in info.commands() {
            let packages = build_packages(info, c);
            let step = build_step(c);
            let message = if let Some(step) = step {
                format!(
                    "`{step}` runs in the final stage, so the toolchain, sources and build caches ship in the \
                     image. Build in a separate stage and copy only the result into a minimal runtime stage."
                )
            } else if !packages.is_empty() {
                format!(
                    "Build packages ({}) stay in the final image: they add size and attack surface the app does \
                     not need at run time. Install them in a builder stage, or remove them in the same `RUN`.",
                    packages.join(", ")
                )
            } else {
                continue;
            };
            let mut diagnostic = Diagnostic::new(c.span, message);
            if step.is_some() && !fix_attached {
                if let Some(fix) = multi_stage_fix(ctx, stage, info, c) {
                    diagnostic = diagnostic.with_fix(fix);
                    fix_attached = true;
                }
            }
            out.push(diagnostic);
        }
    }
}

fn absolute(path: &str, workdir: Option<&str>) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!(
            "{}/{}",
            workdir.unwrap_or("").trim_end_matches('/'),
            path.trim_start_matches("./")
        )
    }
}

/// Builder + runtime stages for a single-stage Go or Rust build.
fn multi_stage_fix(
    ctx: &Context,
    stage: &Stage,
    run: &InstructionInfo,
    c: &ShellCommand,
) -> Option<Fix> {
    if ctx.stages.len() != 1 || c.depth != 0 || c.in_substitution {
        return None;
    }
    let Base::Image(image) = &stage.base else {
        return None;
    };
    let infos = ctx.stage_instructions(stage);
    let after = infos.iter().skip(run.index - stage.from + 1);
    // Only metadata after the build, and an exec-form command to start the binary.
    let mut start: Option<&[Word]> = None;
    for info in after {
        match (&info.node.body, info.kind()) {
            (Body::Command(Command::Exec(exec)), Keyword::Cmd | Keyword::Entrypoint) => {
                if start.is_none() {
                    start = Some(exec.elements.as_slice()).filter(|e| !e.is_empty());
                }
            }
            (_, Keyword::Expose | Keyword::Label | Keyword::Stopsignal) => {}
            _ => return None,
        }
    }
    let elements = start?;
    // The word that names what the runtime stage needs: the binary, or the jar after `java -jar`.
    let mut start = elements.first()?;
    // ENV other than build settings would be lost in the new stage.
    let build_env = [
        "CGO_ENABLED",
        "GOOS",
        "GOARCH",
        "GOPATH",
        "GOFLAGS",
        "GO111MODULE",
        "CARGO_HOME",
        "RUSTFLAGS",
        "MAVEN_OPTS",
        "MAVEN_CONFIG",
        "GRADLE_OPTS",
        "GRADLE_USER_HOME",
    ];
    for info in infos.iter().filter(|i| i.kind() == Keyword::Env) {
        if let Body::KeyValues(pairs) = &info.node.body {
            if pairs
                .iter()
                .any(|p| !build_env.contains(&p.key.value.as_str()))
            {
                return None;
            }
        }
    }
    let repository = image.repository();
    let runtime_files = runtime_files(infos)?;
    let mut static_build: Option<Edit> = None;
    let (binary, runtime) = if repository == "golang" && c.is("go") {
        let output = c.flag_value("-o")?;
        let mut cgo_off = c.assignments.iter().any(|a| a.value == "CGO_ENABLED=0")
            || run.scope.get("CGO_ENABLED").is_some_and(|v| v == "0");
        // Alpine links against musl, which the glibc distroless images lack: build a static binary instead.
        if !cgo_off && stage.distro == Distro::Alpine && c.assignments.is_empty() {
            static_build = Some(Edit::insert(c.words.first()?.span.start, "CGO_ENABLED=0 "));
            cgo_off = true;
        }
        let runtime = if cgo_off {
            "gcr.io/distroless/static-debian12"
        } else {
            "gcr.io/distroless/base-debian12"
        };
        (absolute(&output.value, run.workdir.as_deref()), runtime)
    } else if repository == "rust" && c.is("cargo") && c.has_flag("--release") {
        let name = start
            .value
            .rsplit("target/release/")
            .next()
            .filter(|_| start.value.contains("target/release/"))?;
        let binary = absolute(&format!("target/release/{name}"), run.workdir.as_deref());
        if absolute(&start.value, stage_workdir(infos)) != binary {
            return None;
        }
        (binary, "gcr.io/distroless/cc-debian12")
    } else if build_step(c).is_some_and(|s| s == "mvn package" || s == "gradle build") {
        // `java ... -jar JAR`: the runtime is the same Java major version's JRE.
        if elements
            .first()
            .is_none_or(|w| w.value != "java" && w.value != "/usr/bin/java")
        {
            return None;
        }
        let jar_at = elements.iter().position(|w| w.value == "-jar")? + 1;
        start = elements.get(jar_at)?;
        if !start.value.ends_with(".jar") {
            return None;
        }
        let runtime = java_runtime(image)?;
        (absolute(&start.value, stage_workdir(infos)), runtime)
    } else {
        return None;
    };
    if binary.contains(['$', ' ', '*']) || binary.ends_with('/') {
        return None;
    }
    // The start command must be the binary (absolute, or relative to the final WORKDIR).
    let workdir = stage_workdir(infos);
    if absolute(&start.value, workdir) != binary && start.value != binary {
        return None;
    }
    let style = ctx.style();
    let from = infos.first()?.node;
    let Body::From(from_body) = &from.body else {
        return None;
    };
    let name = match &from_body.stage_name {
        Some(n) => (n.value.clone(), None),
        None => (
            "build".to_string(),
            Some(Edit::insert(
                from_body.image.span.end,
                format!(" {} build", if style.lowercase { "as" } else { "AS" }),
            )),
        ),
    };
    let mut lines = vec![
        format!("{} {runtime}", style.keyword(Keyword::From)),
        format!(
            "{} --from={} {binary} {binary}",
            style.keyword(Keyword::Copy),
            name.0
        ),
    ];
    for path in &runtime_files {
        lines.push(format!(
            "{} --from={} {path} {path}",
            style.keyword(Keyword::Copy),
            name.0
        ));
    }
    if let Some(w) = workdir {
        lines.push(format!("{} {w}", style.keyword(Keyword::Workdir)));
    }
    let at = run.node.span.end;
    let mut edits = vec![Edit::insert(at, as_lines(ctx.source, at, &lines, style))];
    edits.extend(name.1);
    edits.extend(static_build);
    Some(Fix::unsafe_(format!("Split into a build stage and a {runtime} runtime stage"), edits).explained(format!(
        "The image now holds only the compiled binary on {runtime} instead of the whole {} toolchain and sources; \
         the runtime has no shell or package manager.",
        repository
    )))
}

/// Sources and build manifests: the build reads them, the running app does not.
fn is_build_input(name: &str) -> bool {
    let file = name
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(name);
    [".go", ".rs", ".java", ".kt", ".gradle", ".kts"]
        .iter()
        .any(|ext| file.ends_with(ext))
        || matches!(
            file,
            "go.mod"
                | "go.sum"
                | "go.work"
                | "vendor"
                | "cmd"
                | "internal"
                | "pkg"
                | "Cargo.toml"
                | "Cargo.lock"
                | "src"
                | "pom.xml"
                | "mvnw"
                | ".mvn"
                | "gradlew"
                | "gradle"
        )
}

/// The absolute destinations of what the build stage copies in besides build inputs (`templates/`, config
/// files): the app may read them at run time. `None` when the whole context is copied (unknowable) or a copy
/// cannot be read.
fn runtime_files(infos: &[InstructionInfo]) -> Option<Vec<String>> {
    let mut files = Vec::new();
    for info in infos
        .iter()
        .filter(|i| matches!(i.kind(), Keyword::Copy | Keyword::Add))
    {
        let Body::Copy(body) = &info.node.body else {
            return None;
        };
        if info.node.flag("from").is_some() {
            continue;
        }
        let destination = body.destination.as_ref()?;
        for source in &body.sources {
            let value = source.value.trim_start_matches("./");
            if is_build_input(value) {
                continue;
            }
            if matches!(value, "" | "." | "/" | "*") || value.contains(['$', '*', '?']) {
                return None;
            }
            let dest = absolute(&destination.value, info.workdir.as_deref());
            let path = if destination.value.ends_with('/') || body.sources.len() > 1 {
                let name = value.trim_end_matches('/').rsplit('/').next()?;
                format!("{}/{name}", dest.trim_end_matches('/'))
            } else {
                dest
            };
            if path.contains(['$', ' ']) {
                return None;
            }
            if !files.contains(&path) {
                files.push(path);
            }
        }
    }
    Some(files)
}

/// `eclipse-temurin:<major>-jre` for a JDK or Maven/Gradle image whose tag names the Java major version.
fn java_runtime(image: &ImageName) -> Option<&'static str> {
    let tag = image.tag.as_deref()?;
    let repository = image.repository();
    let major = match repository.as_str() {
        "maven" | "gradle" => ["temurin-", "jdk-", "jdk", "openjdk-", "corretto-"]
            .iter()
            .find_map(|marker| tag.split(marker).nth(1))
            .map(|rest| {
                rest.split(|ch: char| !ch.is_ascii_digit())
                    .next()
                    .unwrap_or("")
            }),
        "eclipse-temurin" | "openjdk" | "amazoncorretto" => {
            tag.split(|ch: char| !ch.is_ascii_digit()).next()
        }
        _ => None,
    }?;
    Some(match major {
        "8" => "eclipse-temurin:8-jre",
        "11" => "eclipse-temurin:11-jre",
        "17" => "eclipse-temurin:17-jre",
        "21" => "eclipse-temurin:21-jre",
        _ => return None,
    })
}

fn stage_workdir<'a>(infos: &'a [InstructionInfo]) -> Option<&'a str> {
    infos.last().and_then(|i| i.workdir.as_deref())
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn catches_build_packages_and_build_steps_in_the_final_stage() {
        assert_eq!(
            lines(
                "DW1006",
                "FROM alpine:3.21\nRUN apk add --no-cache gcc musl-dev\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1006",
                "FROM debian:12\nRUN apt-get install -y libpq-dev\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1006",
                "FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_builder_stages_or_packages_removed_in_the_same_run() {
        for src in [
            "FROM golang:1.22 AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n",
            "FROM alpine:3.21\nRUN apk add --virtual .b gcc && make && apk del .b\n",
            "FROM debian:12\nRUN apt-get install -y gcc && make && apt-get purge -y gcc\n",
            "FROM alpine:3.21\nRUN apk add --no-cache curl\n",
            "FROM debian:12\nRUN apt-get install -y gcc && make && apt-mark auto '.*' && \\\n    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\n",
        ] {
            assert!(lines("DW1006", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_splits_a_single_stage_go_build() {
        assert_eq!(
            fixed("DW1006", "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod *.go ./\nRUN go build -o server .\nEXPOSE 8080\nCMD [\"./server\"]\n"),
            "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod *.go ./\nRUN go build -o server .\nFROM gcr.io/distroless/base-debian12\n\
             COPY --from=build /src/server /src/server\nWORKDIR /src\nEXPOSE 8080\nCMD [\"./server\"]\n"
        );
    }

    #[test]
    fn a_go_split_on_alpine_builds_statically_and_keeps_runtime_files() {
        assert_eq!(
            fixed("DW1006", "FROM golang:1.22-alpine\nWORKDIR /app\nCOPY go.mod main.go ./\nCOPY templates ./templates\n\
                             COPY config.json /etc/app/\nRUN go build -o /server .\nCMD [\"/server\"]\n"),
            "FROM golang:1.22-alpine AS build\nWORKDIR /app\nCOPY go.mod main.go ./\nCOPY templates ./templates\n\
             COPY config.json /etc/app/\nRUN CGO_ENABLED=0 go build -o /server .\nFROM gcr.io/distroless/static-debian12\n\
             COPY --from=build /server /server\nCOPY --from=build /app/templates /app/templates\n\
             COPY --from=build /etc/app/config.json /etc/app/config.json\nWORKDIR /app\nCMD [\"/server\"]\n"
        );
    }

    #[test]
    fn no_split_when_the_whole_context_is_copied() {
        let src = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n";
        assert_eq!(lines("DW1006", src), vec![4]);
        assert_eq!(fixed("DW1006", src), src);
    }

    #[test]
    fn fix_splits_a_single_stage_rust_build() {
        assert_eq!(
            fixed("DW1006", "from rust:1.80\r\nworkdir /app\r\ncopy Cargo.toml Cargo.lock ./\r\ncopy src src\r\nrun cargo build --release\r\ncmd [\"/app/target/release/api\"]\r\n"),
            "from rust:1.80 as build\r\nworkdir /app\r\ncopy Cargo.toml Cargo.lock ./\r\ncopy src src\r\nrun cargo build --release\r\nfrom gcr.io/distroless/cc-debian12\r\n\
             copy --from=build /app/target/release/api /app/target/release/api\r\nworkdir /app\r\ncmd [\"/app/target/release/api\"]\r\n"
        );
    }

    #[test]
    fn fix_splits_a_single_stage_maven_build_onto_a_jre() {
        assert_eq!(
            fixed("DW1006", "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY pom.xml .\nCOPY src src\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n"),
            "FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /app\nCOPY pom.xml .\nCOPY src src\nRUN mvn -B package\nFROM eclipse-temurin:21-jre\n\
             COPY --from=build /app/target/app.jar /app/target/app.jar\nWORKDIR /app\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n"
        );
        let unknown_version =
            "FROM maven:3\nRUN mvn package\nCMD [\"java\", \"-jar\", \"/t/app.jar\"]\n";
        assert_eq!(fixed("DW1006", unknown_version), unknown_version);
    }

    #[test]
    fn no_fix_when_not_confident() {
        assert_unfixed(
            "DW1006",
            &[
            "FROM golang:1.22\nRUN go build -o app .\nCMD ./app\n",
            "FROM golang:1.22\nRUN go build -o app .\nRUN apt-get install -y curl\nCMD [\"./app\"]\n",
            "FROM golang:1.22\nENV PORT=80\nRUN go build -o /app .\nCMD [\"/app\"]\n",
            "FROM node:20\nRUN npm run build\nCMD [\"node\", \"dist\"]\n",
            ],
        );
    }
}
