//! DW1001: the final stage runs as root (no `USER`, or the last `USER` is root).

use crate::model::{image_user_id, is_numeric_id, launches};
use crate::rewrite::{as_lines, line_start};
use crate::rules::common::cwd::is_within;
use crate::rules::common::expose::{expose_words, without_protocol};
use crate::rules::common::stages::builds_other_images;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1001",
    name: "missing-user",
    category: Category::Security,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Trivy, "DS002"),
        Alias(Peer::Checkov, "CKV_DOCKER_3"),
    ],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: the app then runs as UID 10001 and can no longer write to files and directories owned \
         by root (copied files, `WORKDIR`s, volumes) or bind ports below 1024; `COPY --chown=10001:10001` \
         or a `chown` in the build may be needed. The user is created with the distribution's tools \
         (`addgroup`/`adduser` on Alpine, `groupadd`/`useradd` on Debian, Ubuntu and RHEL); distroless \
         and scratch images get `USER 65532:65532` (distroless' `nonroot`). When the stage already \
         creates a user, the fix switches to it by number (giving it UID 10001 when it has none); \
         images that ship a user with fixed ids reuse it (`node` 1000, distroless `nonroot` 65532). \
         The created user gets a home directory (apps and pip read `HOME`), and owns the final \
         `WORKDIR` (unless it is a system folder) and the folders and files the stage makes with \
         `mkdir` or `touch` (`chown`, not recursive; a relative path after a `cd` resolves \
         where the `cd` led), so apps that write there keep working. A Rails app (started by `rails` or `puma`) gets `db`, `log`, \
         `storage` and `tmp` recursively, as Rails' own Dockerfile gives them; Laravel (`artisan`) `storage` and \
         `bootstrap/cache`, Symfony (`bin/console`) `var`. Next.js gets `.next` and \
         `.next/cache` (its image cache) when the \
         context's `package.json` depends on `next` and the stage builds. For an app a language runtime starts \
         (`python`, `gunicorn`, `node`, `java`...), each `VOLUME` folder is made and given to the user too, \
         before the `VOLUME` line (a volume starts as a copy of the image's folder, owner \
         included; changes after the line are lost with the legacy builder). No fix is \
         offered for bases of unknown distribution, nor when the image must start as root or write \
         where root owns: a port below 1024, nginx/httpd/php-apache/php-fpm, files given to a user the server \
         switches to itself (`chown -R www-data storage`), an entrypoint that drops \
         privileges (`gosu`, `su-exec`, a `docker-entrypoint` script), `pip install --user` done as \
         root, an app in root's home `/root` (mode 700: another user cannot enter it), paths made at \
         build time that cannot be known (a variable, a glob, after a `cd` to an unknown folder), a \
         `VOLUME` of a variable, a system folder or root's home, one that build steps follow, or one of a \
         service started otherwise (a database, supervisord, a start script), log files named in the \
         command, a cloud or cluster CLI as the command of an image that exposes nothing (`aws`, `kubectl`: \
         credentials are mounted in root's home), a start script of the context that writes `/etc`, changes owners or installs packages \
         or users, a minimal RHEL base without `useradd`, or a base for other images (`ONBUILD` \
         triggers run as its user). Images that start as their own non-root user (nginx-unprivileged, \
         bitnami, Chainguard, Jupyter, micromamba) are not flagged unless the file switches back to root."
    )),
    docs: rule_docs! {
        what: "Flags a final stage that never switches to a non-root user: no `USER` at all (in the stage or in \
               an earlier stage it builds on), or a last `USER` that is `root` or `0`.",
        why: "A process running as root inside the container is root on the host's kernel: one bug in the app or \
              a container-escape vulnerability gives an attacker full control. A non-root user with a fixed \
              numeric UID also lets Kubernetes' `runAsNonRoot` verify it.",
        example: "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
        fixed: "FROM python:3.12-slim\nCOPY app.py /app/\nRUN groupadd --system --gid 10001 app && useradd --system \
                --uid 10001 --gid app --create-home app\nUSER 10001:10001\nCMD [\"python\", \"/app/app.py\"]\n",
        differences: "A final `FROM scratch` stage that copies nothing (a distribution's base image built from a \
                      root file system tarball) is not flagged. A `USER` set by the base image itself is invisible in the Dockerfile, so images that \
                      already run as non-root (e.g. distroless `:nonroot` tags, which are recognised) may need the \
                      rule disabled or an explicit `USER`; an explicit `USER` is clearer anyway.",
    },
    check,
    ..Rule::DEFAULTS
};

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or("").trim();
    name.is_empty() || name == "root" || name == "0"
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    if stage.end_user.as_deref().is_some_and(|u| !is_root(u)) {
        return;
    }
    let base = root_base(ctx, stage);
    if let Base::Image(image) = &base.base {
        let tag = image.tag.as_deref().unwrap_or("");
        if base.distro == Distro::Distroless && tag.contains("nonroot") {
            return;
        }
        // An image that starts as its own non-root user (nginx-unprivileged, bitnami, Chainguard), with no
        // `USER` written: the container already runs as that user (and a `RUN` could not create another).
        let starts_non_root = crate::model::image_facts(image)
            .default_user
            .is_some_and(|u| u.uid != 0);
        if starts_non_root && stage.end_user.is_none() {
            return;
        }
    }
    if matches!(stage.distro, Distro::Windows)
        || ctx.instructions.iter().any(|i| !i.shell.is_posix())
    {
        return;
    }
    // `FROM scratch` + `ADD rootfs.tar /` builds a base image (a distribution), not an app: no user to pick.
    // A scratch stage that only gets a binary copied in (`COPY --from=build`) does run an app.
    if matches!(base.base, Base::Scratch)
        && !ctx
            .stage_instructions(stage)
            .iter()
            .any(|i| i.kind() == Keyword::Copy)
    {
        return;
    }
    let instructions = ctx.stage_instructions(stage);
    let last_user = instructions
        .iter()
        .rev()
        .find(|i| i.kind() == Keyword::User);
    let span = match last_user {
        Some(u) => u.node.text_span(),
        None => match instructions.first().map(|i| &i.node.body) {
            Some(Body::From(f)) => f.image.span,
            _ => return,
        },
    };
    let message = match last_user {
        Some(_) => "The final stage switches back to root, so the container runs as root: a compromised app \
                    controls the whole container. Switch to a non-root `USER` (a numeric UID:GID) before `CMD`.",
        None => "The final stage never sets `USER`, so the container runs as root: a compromised app controls \
                 the whole container. Create a non-root user and switch to it (`USER 10001:10001`) before `CMD`.",
    };
    let mut diagnostic = Diagnostic::new(span, message);
    if let Some(fix) = fix(ctx, stage) {
        diagnostic = diagnostic.with_fix(fix);
    }
    out.push(diagnostic);
}

/// The first stage of the `FROM <stage>` chain: the one that names the registry image.
fn root_base<'s>(ctx: &'s Context, stage: &'s Stage) -> &'s Stage {
    let mut current = stage;
    while let Base::Stage(parent) = current.base {
        match ctx.stages.get(parent) {
            Some(p) if p.index < current.index => current = p,
            _ => break,
        }
    }
    current
}

/// A user the stage creates with `useradd`/`adduser` (the last operand): its name, its uid when given, and
/// where to insert a uid when it has none (right after the command name, with the flag that command takes).
struct Created {
    name: String,
    uid: Option<String>,
    add_uid: Option<Edit>,
}

fn created_user(ctx: &Context, stage: &Stage) -> Option<Created> {
    let mut found = None;
    for info in ctx.stage_instructions(stage) {
        for c in info.commands() {
            if c.is("useradd") || c.is("adduser") {
                if let Some(name) = c.operands().last() {
                    let name = name.value.as_str();
                    if !name.is_empty() && !name.contains(['$', '/', ' ']) && !is_root(name) {
                        let uid = ["-u", "--uid"]
                            .iter()
                            .find_map(|f| c.flag_value(f))
                            .map(|w| w.value)
                            .filter(|v| is_numeric_id(v));
                        let flag = if c.is("adduser") && stage.distro == Distro::Alpine {
                            " -u 10001"
                        } else {
                            " --uid 10001"
                        };
                        let add_uid = c.words.first().map(|w| Edit::insert(w.span.end, flag));
                        found = Some(Created {
                            name: name.to_string(),
                            uid,
                            add_uid,
                        });
                    }
                }
            }
        }
    }
    found
}

/// Why the image must start as root (or write where only root may), so switching users would break it.
fn needs_root(ctx: &Context, stage: &Stage, base: &Stage) -> Option<&'static str> {
    if expose_words(ctx).any(|w| {
        without_protocol(&w.value)
            .parse::<u16>()
            .is_ok_and(|port| port < 1024)
    }) {
        return Some("it listens on a port below 1024, which only root may bind");
    }
    if let Base::Image(image) = &base.base {
        let repo = image.repository();
        let tag = image.tag.as_deref().unwrap_or("");
        if matches!(repo.as_str(), "nginx" | "httpd")
            || (repo == "php" && (tag.contains("apache") || tag.contains("fpm")))
        {
            return Some(
                "its web server starts as root to bind port 80 and then drops privileges itself",
            );
        }
        let minimal_rhel = [
            "ubi-minimal",
            "ubi8-minimal",
            "ubi9-minimal",
            "ubi-micro",
            "ubi9-micro",
        ]
        .iter()
        .any(|m| repo.ends_with(m));
        let installs_shadow = ctx
            .stage_instructions(stage)
            .iter()
            .flat_map(|i| i.commands())
            .any(|c| c.has_word("shadow-utils"));
        if minimal_rhel && !installs_shadow {
            return Some("the minimal base has no useradd (shadow-utils)");
        }
    }
    if runs_a_credentials_cli(ctx, stage) {
        return Some(
            "its command is a cloud or cluster CLI that reads credentials from root's home, where they are \
             mounted (`-v ~/.aws:/root/.aws`); another user has another home and cannot read them",
        );
    }
    let instructions = ctx.stage_instructions(stage);
    for info in instructions {
        let as_root = info.user.as_deref().is_none_or(is_root);
        for c in info.commands() {
            if [
                "gosu",
                "su-exec",
                "nginx",
                "httpd",
                "apache2",
                "apachectl",
                "php-fpm",
            ]
            .iter()
            .any(|p| c.runs(p) || c.has_word(p))
            {
                return Some(
                    "it starts a server or entrypoint that drops privileges itself (gosu, su-exec)",
                );
            }
            // `chown -R www-data storage` for a user the file neither creates nor switches to: a server
            // started as root hands its workers to that user (php-fpm, Apache), which owns what they write.
            if c.is("chown") && hands_files_to_a_server_user(ctx, stage, c) {
                return Some("it gives files to a user its server switches to itself (`www-data`)");
            }
            if as_root && (c.is("pip") || c.is("pip3")) && c.has_flag("--user") {
                return Some("`pip install --user` put the packages under /root, which another user cannot read");
            }
        }
        let text = ctx.text(info.node.span);
        if matches!(info.kind(), Keyword::Volume)
            && (volume_folders(info).is_none() || !launches_an_app_runtime(ctx, stage))
        {
            return Some(
                "a service writes to a volume (one of a variable, a system folder or root's home, or started \
                 by something other than a language runtime, which may manage its own users)",
            );
        }
        if matches!(info.kind(), Keyword::Cmd | Keyword::Entrypoint)
            && (text.contains("entrypoint") || text.contains("logs/") || text.contains(".log"))
        {
            return Some("the app writes to a log path, or its entrypoint script may need root");
        }
        if matches!(info.kind(), Keyword::Cmd | Keyword::Entrypoint)
            && starts_a_script_that_needs_root(ctx, text)
        {
            return Some("its start script (in the build context) changes system files or users, as root only may");
        }
    }
    if let Some(first) = instructions
        .iter()
        .position(|i| i.kind() == Keyword::Volume)
    {
        let built_after = instructions.iter().skip(first).any(|i| {
            matches!(
                i.kind(),
                Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::Onbuild
            )
        });
        if built_after {
            return Some("build steps follow a `VOLUME`, whose folder the user must own before it");
        }
    }
    None
}

/// CLIs that read their credentials from the user's home (`~/.aws`, `~/.kube`, `~/.config/gcloud`...).
const CREDENTIALS_CLIS: &[&str] = &[
    "aws",
    "kubectl",
    "helm",
    "terraform",
    "gcloud",
    "gsutil",
    "az",
    "doctl",
    "eksctl",
    "ansible",
    "ansible-playbook",
    "pulumi",
];

/// Whether the image is a tool image whose command is one of [`CREDENTIALS_CLIS`]: no `EXPOSE`, and the first
/// program its `ENTRYPOINT`/`CMD` runs is the CLI.
fn runs_a_credentials_cli(ctx: &Context, stage: &Stage) -> bool {
    let exposes = ctx.stage_chain(stage).any(|s| {
        ctx.stage_instructions(s)
            .iter()
            .any(|i| i.kind() == Keyword::Expose)
    });
    !exposes
        && launches(ctx.model, stage).iter().take(1).any(|launch| {
            launch.words.first().is_some_and(|w| {
                let program = w.value.rsplit('/').next().unwrap_or("");
                CREDENTIALS_CLIS.contains(&program)
            })
        })
}

/// What in a start script only root may do: write system folders, change owners, install packages or users,
/// tune the kernel or the network, or drop privileges itself.
const ROOT_ONLY_IN_SCRIPTS: &[&str] = &[
    "> /etc/",
    ">/etc/",
    ">> /etc/",
    ">>/etc/",
    "tee /etc/",
    "tee -a /etc/",
    "mkdir -p /etc/",
    "mkdir /etc/",
    "/etc/hosts",
    "chown ",
    "apt-get ",
    "apk add",
    "useradd",
    "adduser",
    "sysctl",
    "mount ",
    "iptables",
    "update-ca-certificates",
    "gosu ",
    "su-exec",
    "setcap",
    "service ",
];

/// Whether `CMD`/`ENTRYPOINT` (`text`) runs a shell script of the build context (a word whose file name is the
/// script's) that does what only root may ([`ROOT_ONLY_IN_SCRIPTS`]), in its commands: comments and `echo`/
/// `printf` lines do not count.
fn starts_a_script_that_needs_root(ctx: &Context, text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "[]\",".contains(c))
        .filter_map(|w| w.rsplit('/').next())
        .collect();
    ctx.config.context_files.iter().any(|(name, script)| {
        name.ends_with(".sh")
            && !name.contains('/')
            && words.contains(&name.as_str())
            && script.lines().any(|line| {
                let line = line.trim_start();
                !line.starts_with('#')
                    && !line.starts_with("echo ")
                    && !line.starts_with("printf ")
                    && ROOT_ONLY_IN_SCRIPTS
                        .iter()
                        .any(|marker| line.contains(marker))
            })
    })
}

/// The users base images ship for apps to run as, which the fix switches to when the image has one.
const APP_IMAGE_USERS: &[&str] = &["node", "nonroot"];

/// Whether a `chown` names an owner that is neither root, nor a number, nor a user the stage creates or
/// switches to: an account of the base image a server drops to (`www-data`).
fn hands_files_to_a_server_user(ctx: &Context, stage: &Stage, chown: &ShellCommand) -> bool {
    let Some(owner) = chown.operands().next() else {
        return false;
    };
    let user = owner.value.split([':', '.']).next().unwrap_or("");
    if user.is_empty() || user.contains('$') || is_root(user) || is_numeric_id(user) {
        return false;
    }
    let switched_to = crate::model::user_instructions(ctx.model, stage)
        .any(|(_, value)| value.split(':').next() == Some(user));
    // The image's own app user (`node`) is the one the fix switches to.
    let known = crate::model::Accounts::of_stage(ctx.model, stage)
        .user(user)
        .is_some()
        || (APP_IMAGE_USERS.contains(&user) && image_user_id(ctx.model, stage, user).is_some());
    !switched_to && !known
}

/// The folders a web framework writes to, with what `COPY . .` put in them: Rails (started by `rails` or
/// `puma`) writes `db`, `log`, `storage` and `tmp` (`tmp/pids`), Laravel (`artisan`) `storage` and
/// `bootstrap/cache`, Symfony (`bin/console`) `var`. The user gets them recursively, as the frameworks' own
/// Dockerfiles do (`chown -R rails:rails db log storage tmp`).
fn framework_folders(ctx: &Context, stage: &Stage) -> Vec<String> {
    let Some(workdir) = stage.end_workdir.as_deref().filter(|w| w.starts_with('/')) else {
        return Vec::new();
    };
    let words: Vec<String> = launches(ctx.model, stage)
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.value.clone()))
        .collect();
    let runs = |program: &str| {
        words
            .iter()
            .any(|w| w == program || w.ends_with(&format!("/{program}")))
    };
    let folders: &[&str] = if runs("rails") || runs("puma") {
        &["db", "log", "storage", "tmp"]
    } else if runs("artisan") {
        &["storage", "bootstrap/cache"]
    } else if words.iter().any(|w| w.ends_with("bin/console")) {
        &["var"]
    } else {
        &[]
    };
    let workdir = workdir.trim_end_matches('/');
    folders
        .iter()
        .map(|folder| format!("{workdir}/{folder}"))
        .collect()
}

/// Folders a framework writes to at run time inside what the build made as root: Next.js keeps its image
/// cache in `.next/cache` (its own Dockerfile example gives `.next` to the user). Known from the context's
/// `package.json` (a `next` dependency) and a build in the stage.
fn runtime_caches(ctx: &Context, stage: &Stage) -> Vec<String> {
    let Some(workdir) = stage.end_workdir.as_deref().filter(|w| w.starts_with('/')) else {
        return Vec::new();
    };
    let next = ctx
        .package_json()
        .is_some_and(|p| p.get("dependencies").and_then(|d| d.get("next")).is_some());
    let builds = ctx.stage_instructions(stage).iter().any(|i| {
        i.commands().any(|c| {
            let args: Vec<&str> = c.args().iter().map(|w| w.value.as_str()).collect();
            (matches!(c.program(), Some("npm" | "yarn" | "pnpm")) && args.contains(&"build"))
                || (c.is("next") || c.is("npx")) && args.contains(&"build")
        })
    });
    if !next || !builds {
        return Vec::new();
    }
    let workdir = workdir.trim_end_matches('/');
    vec![format!("{workdir}/.next"), format!("{workdir}/.next/cache")]
}

/// Whether every command the image starts with is a language runtime or app server run directly (`python
/// app.py`, `gunicorn`, `node server.js`, `java -jar`): an app that owns its data folder. Databases, init
/// systems, supervisord and start scripts often manage users of their own, so their volumes keep root.
fn launches_an_app_runtime(ctx: &Context, stage: &Stage) -> bool {
    const RUNTIMES: &[&str] = &[
        "python", "python3", "gunicorn", "uvicorn", "flask", "node", "npm", "yarn", "java", "ruby",
        "bundle", "puma", "rails", "dotnet", "php",
    ];
    let launches = launches(ctx.model, stage);
    !launches.is_empty()
        && launches.iter().all(|l| {
            l.words.first().is_some_and(|w| {
                let program = w.value.rsplit('/').next().unwrap_or(&w.value);
                RUNTIMES.contains(&program) || program.starts_with("python3.")
            })
        })
}

/// The folders a `VOLUME` declares, when each is a plain absolute path that is not a system folder nor in
/// root's home (mode 700: the user could not reach it).
fn volume_folders(info: &InstructionInfo) -> Option<Vec<String>> {
    let Body::Words(words) = &info.node.body else {
        return None;
    };
    words
        .iter()
        .map(|w| {
            let path = w.value.trim_end_matches('/');
            let plain = path.starts_with('/')
                && !path.contains(['$', '*', '?', '[', '{', '`', ' ', '~'])
                && !SYSTEM_DIRS.contains(&path)
                && !is_within(path, "/root")
                // A socket (`/var/run/docker.sock`) or a file (`/config.yml`) is bind-mounted from the host,
                // with the host's owner: giving the image's folder away changes nothing for it.
                && !is_within(path, "/var/run")
                && !is_within(path, "/run")
                && !path.rsplit('/').next().is_some_and(|name| name.contains('.'));
            plain.then(|| path.to_string())
        })
        .collect()
}

/// `/root` or a path under it: root's home, mode 700 on every distribution.
fn is_under_root_home(path: &str) -> bool {
    is_within(path, "/root")
}

/// Where the final stage puts the app with respect to root's home.
enum RootHome {
    /// Nowhere near it.
    Unused,
    /// Only `WORKDIR /root` (this word), with relative destinations and commands that name neither `/root`, `~`,
    /// `$HOME` nor `/app`: the folder can become `/app` with the same layout (Docker's old Go example).
    Movable(Span),
    /// In it some other way (an absolute path, `HOME`, a folder under it): the app stays root's.
    Fixed,
}

fn root_home(ctx: &Context, stage: &Stage) -> RootHome {
    let mut workdir = None;
    let mut noticed = false;
    for info in ctx.stage_instructions(stage) {
        let text = ctx.text(info.node.span);
        if let (Keyword::Workdir, Body::Words(words)) = (info.kind(), &info.node.body) {
            match words.first() {
                Some(w) if matches!(w.value.as_str(), "/root" | "/root/") && workdir.is_none() => {
                    workdir = Some(w.span);
                    continue;
                }
                Some(w) if is_under_root_home(&w.value) => return RootHome::Fixed,
                Some(w) => {
                    noticed |= names_folder(&w.value, "/app");
                    continue;
                }
                None => continue,
            }
        }
        if in_root_home(info, text) {
            return RootHome::Fixed;
        }
        // What would notice the move: a path spelled out, the home folder by name, or the new folder taken.
        let mentions = |s: &str| {
            names_folder(s, "/root")
                || names_folder(s, "/app")
                || s.contains('~')
                || s.contains("$HOME")
                || s.contains("${HOME}")
        };
        let named = match (info.kind(), &info.node.body) {
            (Keyword::Copy | Keyword::Add, Body::Copy(copy)) => copy
                .destination
                .as_ref()
                .is_some_and(|d| mentions(&d.value)),
            (Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Env, _) => mentions(text),
            _ => false,
        };
        noticed |= named;
    }
    match workdir {
        None => RootHome::Unused,
        Some(_) if noticed => RootHome::Fixed,
        Some(span) => RootHome::Movable(span),
    }
}

/// Whether `text` names the absolute folder `folder` or a path in it (`/app`, `/app/main`; not `./app`, `/apps`).
fn names_folder(text: &str, folder: &str) -> bool {
    let part_of_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    text.match_indices(folder).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + folder.len()..].chars().next();
        !before.is_some_and(part_of_name) && !after.is_some_and(part_of_name)
    })
}

/// Whether `info` puts the app in root's home or starts it from there: a `COPY`/`ADD` destination in `/root`
/// (relative ones through the `WORKDIR`), or a `CMD`/`ENTRYPOINT` naming a path in it (`~` included).
fn in_root_home(info: &InstructionInfo, text: &str) -> bool {
    match (info.kind(), &info.node.body) {
        (Keyword::Copy | Keyword::Add, Body::Copy(copy)) => {
            copy.destination.as_ref().is_some_and(|d| {
                is_under_root_home(&d.value)
                    || (!d.value.starts_with('/')
                        && info.workdir.as_deref().is_some_and(|w| {
                            is_under_root_home(w) && !matches!(w, "/root" | "/root/")
                        }))
            })
        }
        (Keyword::Cmd | Keyword::Entrypoint, _) => {
            text.contains("/root/") || text.contains("~/") || text.contains("$HOME")
        }
        _ => false,
    }
}

/// Top-level system folders a `WORKDIR` may be, which the new user must not own.
const SYSTEM_DIRS: &[&str] = &[
    "/",
    "/bin",
    "/etc",
    "/home",
    "/lib",
    "/opt",
    "/root",
    "/sbin",
    "/srv",
    "/tmp",
    "/usr",
    "/usr/local",
    "/usr/local/bin",
    "/usr/src",
    "/var",
];

/// The folders and files the app may write to that root owns once it runs as another user: the final
/// `WORKDIR` (apps create `logs/`, `data/` or a database there) and what the stage makes with `mkdir` or `touch`,
/// resolved against the `WORKDIR` in force. `None` when a made path cannot be known (a variable or a glob), so
/// no fix is offered rather than one that breaks the app.
fn writable_paths(ctx: &Context, stage: &Stage) -> Option<Vec<String>> {
    // In first-seen order, each once (the set makes that linear: a file of 8,000 `mkdir`s has 8,000 paths).
    let mut paths: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut push = |path: String| {
        if seen.insert(path.clone()) {
            paths.push(path);
        }
    };
    if let Some(workdir) = stage.end_workdir.as_deref() {
        // Relative, it names a folder under one only the base image knows (DW2000 writes it out first).
        if !workdir.starts_with(['/', '$']) {
            return None;
        }
        let workdir = workdir.trim_end_matches('/');
        if !workdir.is_empty() && !SYSTEM_DIRS.contains(&workdir) {
            push(workdir.to_string());
        }
    }
    for info in ctx.stage_instructions(stage) {
        // Relative paths resolve against the directory a `cd` earlier in the script moved to (`None`: unknown).
        let mut current = Some(
            info.workdir
                .as_deref()
                .unwrap_or("/")
                .trim_end_matches('/')
                .to_string(),
        );
        for c in info.commands() {
            if c.is("cd") {
                current = moved_to(current.as_deref(), c);
                continue;
            }
            let valued: &[&str] = if c.is("mkdir") {
                &["-m", "--mode", "--context"]
            } else if c.is("touch") {
                &["-d", "--date", "-r", "--reference", "-t"]
            } else {
                continue;
            };
            let mut skip_next = false;
            let mut after_dashes = false;
            for word in c.args() {
                let value = word.value.as_str();
                if skip_next {
                    skip_next = false;
                    continue;
                }
                if !after_dashes && value == "--" {
                    after_dashes = true;
                    continue;
                }
                if !after_dashes && value.starts_with('-') {
                    skip_next = valued.contains(&value);
                    continue;
                }
                if value.is_empty() || value.contains(['$', '*', '?', '[', '{', '`', ' ', '~']) {
                    return None;
                }
                let path = if value.starts_with('/') {
                    value.to_string()
                } else {
                    format!("{}/{}", current.as_deref()?, value.trim_start_matches("./"))
                };
                let path = path.trim_end_matches('/').to_string();
                // `mkdir -p tmp/pids` makes `tmp` too: inside the app folder, the user gets it as well (Rails
                // creates `tmp/cache` beside `tmp/pids`).
                if c.is("mkdir") && (c.has_flag("-p") || c.has_flag("--parents")) {
                    if let Some(workdir) = stage.end_workdir.as_deref() {
                        let workdir = workdir.trim_end_matches('/');
                        let mut parent = path.as_str();
                        let mut parents = Vec::new();
                        while let Some((up, _)) = parent.rsplit_once('/') {
                            if up.len() <= workdir.len() || !is_within(up, workdir) {
                                break;
                            }
                            parents.push(up.to_string());
                            parent = up;
                        }
                        parents.into_iter().rev().for_each(&mut push);
                    }
                }
                if !path.is_empty() && !SYSTEM_DIRS.contains(&path.as_str()) {
                    push(path);
                }
            }
        }
    }
    Some(paths)
}

/// Where a `cd` from `from` leads, when known: a plain absolute directory, or a relative one without `.` or `..`
/// from a known directory, at the top level of the script (a sub-shell's `cd` ends with it).
fn moved_to(from: Option<&str>, cd: &ShellCommand) -> Option<String> {
    let [dir] = cd.args() else { return None };
    let dir = dir.value.trim_end_matches('/');
    if cd.depth > 0 || cd.in_substitution || dir.contains(['$', '*', '`', '~', ' ']) {
        return None;
    }
    if dir.starts_with('/') || dir.is_empty() {
        return Some(dir.to_string());
    }
    if dir.split('/').any(|part| matches!(part, "." | ".." | "-")) {
        return None;
    }
    Some(format!("{}/{dir}", from?))
}

fn fix(ctx: &Context, stage: &Stage) -> Option<Fix> {
    if needs_root(ctx, stage, root_base(ctx, stage)).is_some() || builds_other_images(ctx, stage) {
        return None;
    }
    let moved_home = match root_home(ctx, stage) {
        RootHome::Unused => None,
        RootHome::Movable(span) => Some(span),
        RootHome::Fixed => return None,
    };
    let style = ctx.style();
    let instructions = ctx.stage_instructions(stage);
    // Before the first CMD/ENTRYPOINT that no RUN, COPY, ADD or USER follows; else at the end of the stage.
    let changes_after = |i: usize| {
        instructions.iter().skip(i + 1).any(|x| {
            matches!(
                x.kind(),
                Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::User | Keyword::Onbuild
            )
        })
    };
    let position = instructions
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, x)| matches!(x.kind(), Keyword::Cmd | Keyword::Entrypoint) && !changes_after(*i))
        .map(|(i, _)| i);
    let at = match position {
        Some(i) => instructions.get(i - 1)?.node.span.end,
        None => instructions.last()?.node.span.end,
    };
    let run = style.keyword(Keyword::Run);
    let user = style.keyword(Keyword::User);
    let mut extra: Vec<Edit> = Vec::new();
    let mut writable = writable_paths(ctx, stage)?;
    // Volume folders are made and given away before the first `VOLUME` line: the legacy builder drops changes
    // to them after it (`needs_root` made sure no build step follows it).
    let volumes: Vec<String> = instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Volume)
        .filter_map(|i| volume_folders(i))
        .flatten()
        .collect();
    let before_volume = instructions
        .iter()
        .find(|i| i.kind() == Keyword::Volume)
        .map(|i| line_start(ctx.source, i.node.span.start))
        .filter(|&v| v < at);
    let frameworks = framework_folders(ctx, stage);
    let mut made: Vec<String> = volumes
        .iter()
        .cloned()
        .chain(runtime_caches(ctx, stage))
        .collect();
    for folder in &made {
        if !writable.contains(folder) {
            writable.push(folder.clone());
        }
    }
    made.extend(frameworks.iter().cloned());
    if let Some(span) = moved_home {
        extra.push(Edit::replace(span, "/app"));
        // The app folder was root's; the user gets the new one, as it would any other `WORKDIR`.
        if stage.end_workdir.as_deref().is_some_and(is_under_root_home) {
            writable.insert(0, "/app".to_string());
        }
    }
    let mkdir = if made.is_empty() {
        String::new()
    } else {
        format!("mkdir -p {} && ", made.join(" "))
    };
    let chown = |owner: &str| -> Option<String> {
        let recursive = if frameworks.is_empty() {
            String::new()
        } else {
            format!(" && chown -R {owner} {}", frameworks.join(" "))
        };
        (!writable.is_empty())
            .then(|| format!("{mkdir}chown {owner} {}{recursive}", writable.join(" ")))
    };
    let image_user = APP_IMAGE_USERS
        .iter()
        .copied()
        .find_map(|name| image_user_id(ctx.model, stage, name).map(|ids| (name, ids)));
    let (lines, what) = if let Some(created) = created_user(ctx, stage) {
        let name = &created.name;
        // USER must be numeric (runAsNonRoot checks it): the uid given, or one we give the user.
        let uid = match created.uid {
            Some(uid) => uid,
            None => {
                extra.push(created.add_uid?);
                "10001".to_string()
            }
        };
        let mut lines: Vec<String> = chown(&uid)
            .map(|c| format!("{run} {c}"))
            .into_iter()
            .collect();
        lines.push(format!("{user} {uid}"));
        (
            lines,
            format!("switches to the user `{name}` the stage already creates (UID {uid})"),
        )
    } else if let Some((name, (uid, gid))) = image_user {
        let has_shell = !matches!(stage.distro, Distro::Distroless | Distro::Scratch);
        let owner = format!("{uid}:{gid}");
        let mut lines: Vec<String> = match chown(&owner) {
            Some(c) if has_shell => vec![format!("{run} {c}")],
            // No shell to chown with: the app must not need to write where root owns.
            Some(_)
                if writable
                    .iter()
                    .any(|p| Some(p.as_str()) != stage.end_workdir.as_deref()) =>
            {
                return None
            }
            _ => Vec::new(),
        };
        lines.push(format!("{user} {owner}"));
        (
            lines,
            format!("runs as the image's own user `{name}` ({uid}:{gid})"),
        )
    } else {
        let and_chown = chown("10001:10001")
            .map(|c| format!(" && {c}"))
            .unwrap_or_default();
        match stage.distro {
            Distro::Alpine => (
                vec![
                    format!("{run} addgroup -S -g 10001 app && adduser -S -u 10001 -G app app{and_chown}"),
                    format!("{user} 10001:10001"),
                ],
                "creates the system user `app` (UID/GID 10001) and runs the container as it".to_string(),
            ),
            Distro::Debian | Distro::Rhel | Distro::Suse => (
                vec![
                    format!(
                        "{run} groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app \
                         --create-home app{and_chown}"
                    ),
                    format!("{user} 10001:10001"),
                ],
                "creates the system user `app` (UID/GID 10001) and runs the container as it".to_string(),
            ),
            // No shell to give a volume's folder away with.
            Distro::Distroless | Distro::Scratch if !volumes.is_empty() => return None,
            Distro::Distroless | Distro::Scratch => (
                vec![format!("{user} 65532:65532")],
                "runs the container as UID/GID 65532 (distroless' `nonroot`)".to_string(),
            ),
            _ => return None,
        }
    };
    let mut edits = match (before_volume, lines.split_last()) {
        // The user's `RUN` goes before the `VOLUME`, the `USER` where it would have been.
        (Some(volume_at), Some((user_line, run_lines))) if !run_lines.is_empty() => vec![
            Edit::insert(volume_at, as_lines(ctx.source, volume_at, run_lines, style)),
            Edit::insert(
                at,
                as_lines(ctx.source, at, std::slice::from_ref(user_line), style),
            ),
        ],
        _ => vec![Edit::insert(at, as_lines(ctx.source, at, &lines, style))],
    };
    edits.extend(extra);
    let moved = if moved_home.is_some() {
        " Its app folder moves from `/root` (root's home, which no other user may enter) to `/app`."
    } else {
        ""
    };
    Some(
        Fix::unsafe_("Run as a non-root user", edits).explained(format!(
            "The final image {what}; files it must write need matching ownership.{moved}"
        )),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_flagged_once_unfixed, fixed, lines};

    #[test]
    fn catches_a_final_stage_without_user_or_back_to_root() {
        assert_eq!(lines("DW1001", "FROM alpine:3.21\nCMD [\"sh\"]\n"), vec![1]);
        assert_eq!(
            lines("DW1001", "FROM alpine:3.21\nUSER app\nRUN x\nUSER root\n"),
            vec![4]
        );
        assert_eq!(lines("DW1001", "FROM alpine:3.21\nUSER 0:0\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_non_root_users_inherited_users_or_nonroot_distroless() {
        assert!(lines("DW1001", "FROM alpine:3.21\nUSER 10001:10001\n").is_empty());
        assert!(lines(
            "DW1001",
            "FROM alpine:3.21 AS base\nUSER app\nFROM base\nCMD x\n"
        )
        .is_empty());
        assert!(lines("DW1001", "FROM gcr.io/distroless/static-debian12:nonroot\n").is_empty());
        assert!(lines("DW1001", "FROM alpine AS b\nFROM node:20\nUSER node\n").is_empty());
        assert!(lines(
            "DW1001",
            "FROM scratch\nADD rootfs.tar.xz /\nCMD [\"bash\"]\n"
        )
        .is_empty());
        assert_eq!(
            lines(
                "DW1001",
                "FROM scratch\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"
            ),
            vec![1]
        );
    }

    #[test]
    fn fix_creates_the_user_for_the_distribution_before_cmd() {
        assert_eq!(
            fixed("DW1001", "FROM alpine:3.21\nRUN apk add --no-cache curl\n\n# run\nCMD [\"sh\"]\n"),
            "FROM alpine:3.21\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 app && adduser -S -u 10001 -G \
             app app\nUSER 10001:10001\n\n# run\nCMD [\"sh\"]\n"
        );
        assert_eq!(
            fixed("DW1001", "from gcr.io/distroless/static-debian12\r\ncopy --from=b /app /app"),
            "from gcr.io/distroless/static-debian12\r\ncopy --from=b /app /app\r\nuser 65532:65532\r\n"
        );
    }

    #[test]
    fn fix_goes_to_the_end_when_commands_follow_cmd_and_reuses_a_created_user() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM debian:12\nRUN useradd -m web\nCMD [\"x\"]\nRUN y\n"
            ),
            "FROM debian:12\nRUN useradd --uid 10001 -m web\nCMD [\"x\"]\nRUN y\nUSER 10001\n"
        );
    }

    #[test]
    fn no_fix_for_images_that_must_start_as_root_or_write_as_root() {
        assert_flagged_once_unfixed(
            "DW1001",
            &[
            "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n",
            "FROM php:8.3-apache\nCOPY . /var/www/html\n",
            // php-fpm hands its workers to www-data, which owns storage/: as 10001 every request failed.
            // (A `chown -R node` in a node image is still fixed: `node` is the user the fix switches to.)
            "FROM php:8.2-fpm\nWORKDIR /var/www/html\nCOPY . .\nCMD [\"php-fpm\"]\n",
            "FROM php:8.2-cli\nWORKDIR /app\nCOPY . .\nRUN chown -R www-data:www-data storage\n\
             CMD [\"php\", \"artisan\", \"queue:work\"]\n",
            "FROM debian:12\nEXPOSE 80\nCMD [\"app\"]\n",
            "FROM debian:12\nRUN apt-get install -y gosu\nENTRYPOINT [\"gosu\", \"app\", \"run\"]\n",
            "FROM alpine:3.21\nRUN apk add su-exec\nCOPY docker-entrypoint.sh /\nENTRYPOINT [\"/docker-entrypoint.sh\"]\n",
            "FROM python:3.12-slim\nRUN pip install --user flask\nCMD [\"python\", \"app.py\"]\n",
            "FROM redhat/ubi9-minimal\nCMD [\"app\"]\n",
            ],
        );
    }

    #[test]
    fn an_image_user_given_files_is_the_one_switched_to() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\nCMD [\"node\", \"a.js\"]\n"
            ),
            "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\nRUN chown 1000:1000 /app\n\
             USER 1000:1000\nCMD [\"node\", \"a.js\"]\n"
        );
    }

    #[test]
    fn a_created_user_without_uid_gets_one_and_user_is_numeric() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM debian:12\nRUN useradd -m web\nCMD [\"x\"]\n"
            ),
            "FROM debian:12\nRUN useradd --uid 10001 -m web\nUSER 10001\nCMD [\"x\"]\n"
        );
        assert_eq!(
            fixed(
                "DW1001",
                "FROM alpine:3.21\nRUN adduser -D -u 2000 web\nCMD [\"x\"]\n"
            ),
            "FROM alpine:3.21\nRUN adduser -D -u 2000 web\nUSER 2000\nCMD [\"x\"]\n"
        );
    }

    #[test]
    fn image_users_are_reused() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM node:20\nCOPY app.js .\nCMD [\"node\", \"app.js\"]\n"
            ),
            "FROM node:20\nCOPY app.js .\nUSER 1000:1000\nCMD [\"node\", \"app.js\"]\n"
        );
    }

    /// A relative `mkdir` after a `cd` in the same script is made where the `cd` led (it was once resolved against
    /// the `WORKDIR`, giving away `/build` for `/src/lib/build`, a folder that does not exist, so the rewrite did not
    /// build). An earlier `WORKDIR` is not counted: it often names a folder the image has (`/root/x`, `/usr/local/src`).
    #[test]
    fn paths_follow_the_script_s_cd() {
        let with_user = |made: &str| {
            format!(
                "RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --create-home \
                 app && chown 10001:10001 {made}\nUSER 10001:10001\nCMD [\"./x\"]\n"
            )
        };
        let run = "RUN cd /src && git clone https://x/lib.git && cd lib && mkdir build && cd /opt && mkdir a\n";
        assert_eq!(
            fixed(
                "DW1001",
                &format!("FROM debian:12\nRUN mkdir /src\n{run}CMD [\"./x\"]\n")
            ),
            format!(
                "FROM debian:12\nRUN mkdir /src\n{run}{}",
                with_user("/src /src/lib/build /opt/a")
            )
        );
        assert_eq!(
            fixed(
                "DW1001",
                &format!("FROM debian:12\nWORKDIR /src\nWORKDIR /\n{run}CMD [\"./x\"]\n")
            ),
            format!(
                "FROM debian:12\nWORKDIR /src\nWORKDIR /\n{run}{}",
                with_user("/src/lib/build /opt/a")
            )
        );
        // Where a `cd` leads is unknown: no fix rather than a wrong path.
        for cd in ["cd $DIR", "cd ..", "(cd /x)"] {
            let src = format!("FROM debian:12\nRUN {cd} && mkdir build\nCMD [\"./x\"]\n");
            assert_eq!(fixed("DW1001", &src), src, "{cd}");
        }
    }

    #[test]
    fn the_new_user_owns_the_workdir_and_what_the_stage_makes_with_mkdir_or_touch() {
        // Apps create logs/, data/ or a database in their WORKDIR: root owns it, so the new user gets it.
        assert_eq!(
            fixed(
                "DW1001",
                "FROM python:3.12-slim\nWORKDIR /srv/app\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n"
            ),
            "FROM python:3.12-slim\nWORKDIR /srv/app\nCOPY app.py .\nRUN groupadd --system --gid 10001 app && \
             useradd --system --uid 10001 --gid app --create-home app && chown 10001:10001 /srv/app\nUSER \
             10001:10001\nCMD [\"python\", \"app.py\"]\n"
        );
        assert_eq!(
            fixed(
                "DW1001",
                "FROM python:3.12-slim\nWORKDIR /app\nRUN mkdir -p -m 0755 logs /var/cache/app && touch ./app.db\n\
                 CMD [\"python\", \"app.py\"]\n"
            ),
            "FROM python:3.12-slim\nWORKDIR /app\nRUN mkdir -p -m 0755 logs /var/cache/app && touch ./app.db\n\
             RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --create-home app \
             && chown 10001:10001 /app /app/logs /var/cache/app /app/app.db\nUSER 10001:10001\n\
             CMD [\"python\", \"app.py\"]\n"
        );
        assert_eq!(
            fixed(
                "DW1001",
                "FROM node:20-slim\nWORKDIR /app\nCOPY server.js .\nCMD [\"node\", \"server.js\"]\n"
            ),
            "FROM node:20-slim\nWORKDIR /app\nCOPY server.js .\nRUN chown 1000:1000 /app\nUSER 1000:1000\n\
             CMD [\"node\", \"server.js\"]\n"
        );
        assert_eq!(
            fixed(
                "DW1001",
                "FROM alpine:3.21\nWORKDIR /app\nRUN adduser -D -u 2000 web\nCMD [\"x\"]\n"
            ),
            "FROM alpine:3.21\nWORKDIR /app\nRUN adduser -D -u 2000 web\nRUN chown 2000 /app\nUSER 2000\n\
             CMD [\"x\"]\n"
        );
    }

    /// A `VOLUME` starts as a copy of the image's folder, owner included: the user gets the folder before the
    /// `VOLUME` line, where every builder keeps the change.
    #[test]
    fn volume_folders_are_made_and_given_to_the_user_before_the_volume() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nVOLUME /data\nEXPOSE 5000\n\
                 CMD [\"python\", \"app.py\"]\n"
            ),
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN groupadd --system --gid 10001 app && useradd \
             --system --uid 10001 --gid app --create-home app && mkdir -p /data && chown 10001:10001 /app /data\n\
             VOLUME /data\nEXPOSE 5000\nUSER 10001:10001\nCMD [\"python\", \"app.py\"]\n"
        );
        // JSON form, two folders, one made earlier; the image's own user.
        assert_eq!(
            fixed(
                "DW1001",
                "FROM node:20-slim\nWORKDIR /app\nRUN mkdir -p /var/lib/app\nVOLUME [\"/var/lib/app\", \"/uploads/\"]\n\
                 CMD [\"node\", \"server.js\"]\n"
            ),
            "FROM node:20-slim\nWORKDIR /app\nRUN mkdir -p /var/lib/app\nRUN mkdir -p /var/lib/app /uploads && \
             chown 1000:1000 /app /var/lib/app /uploads\nVOLUME [\"/var/lib/app\", \"/uploads/\"]\n\
             USER 1000:1000\nCMD [\"node\", \"server.js\"]\n"
        );
        // A VOLUME after the CMD: everything goes before the CMD, which comes first.
        assert_eq!(
            fixed(
                "DW1001",
                "FROM alpine:3.21\nCMD [\"python3\", \"app.py\"]\nVOLUME /data\n"
            ),
            "FROM alpine:3.21\nRUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app app && mkdir -p /data \
             && chown 10001:10001 /data\nUSER 10001:10001\nCMD [\"python3\", \"app.py\"]\nVOLUME /data\n"
        );
    }

    /// An `ONBUILD` base (`ONBUILD RUN npm install`): the fixes for a runtime image (a user, `NODE_ENV`, `-slim`)
    /// changed every image built on it, whose triggers then ran as uid 1000 without devDependencies or compilers.
    #[test]
    fn a_base_with_onbuild_triggers_gets_no_runtime_fixes() {
        let src = "FROM node:20-bullseye\nWORKDIR /usr/src/app\nONBUILD COPY package*.json ./\n\
                   ONBUILD RUN npm install\nONBUILD COPY . .\nCMD [\"npm\", \"start\"]\n";
        for code in ["DW1001", "DW1005", "DW1015"] {
            assert_eq!(fixed(code, src), src, "{code}");
        }
        assert_eq!(lines("DW1001", src), vec![1]);
        assert!(lines("DW1015", src).is_empty());
        let child = "FROM node:20-bullseye AS base\nONBUILD RUN npm install\nFROM base\nCMD [\"npm\", \"start\"]\n";
        assert_eq!(fixed("DW1001", child), child);
    }

    #[test]
    fn no_fix_for_volumes_that_cannot_be_given_away() {
        assert_flagged_once_unfixed(
            "DW1001",
            &[
                // A variable, a system folder, a build step after the VOLUME, no shell.
                "FROM debian:12\nARG DATA=/data\nVOLUME $DATA\nCMD [\"app\"]\n",
                "FROM debian:12\nVOLUME /tmp\nCMD [\"app\"]\n",
                "FROM debian:12\nVOLUME /data\nRUN mkdir /data/x\nCMD [\"app\"]\n",
                "FROM scratch\nCOPY app /app\nVOLUME /data\nCMD [\"/app\"]\n",
                // Root's home, and services that may manage users of their own.
                "FROM debian:12\nVOLUME /root/files\nCMD [\"python3\", \"app.py\"]\n",
                "FROM debian:12\nVOLUME /var/lib/cassandra\nCMD [\"/usr/bin/supervisord\"]\n",
                "FROM debian:12\nVOLUME /data\nCMD [\"/run.sh\"]\n",
                "FROM node:20\nVOLUME /var/run/docker.sock\nCMD [\"node\", \"a.js\"]\n",
                "FROM ruby:3.3\nVOLUME [\"/config.yml\"]\nCMD [\"ruby\", \"bot.rb\"]\n",
            ],
        );
    }

    /// `next build` ran as root, so `.next/cache` was root's and `next start` could not write its image cache.
    #[test]
    fn next_js_gets_its_cache_folder() {
        use crate::rules::prelude::testing::fixed_with;
        let src = "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\
                   CMD [\"npm\", \"start\"]\n";
        let config = crate::config::Config {
            package_json: Some(r#"{"dependencies": {"next": "15.0.0"}}"#.into()),
            ..Default::default()
        };
        assert_eq!(
            fixed_with("DW1001", src, &config),
            "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nRUN mkdir -p /app/.next \
             /app/.next/cache && chown 1000:1000 /app /app/.next /app/.next/cache\nUSER 1000:1000\n\
             CMD [\"npm\", \"start\"]\n"
        );
        assert!(!fixed("DW1001", src).contains(".next"));
    }

    /// `COPY . .` brought `tmp/pids` and `storage/` as root's: Puma could not write its pid file, nor
    /// `db:prepare` create the sqlite database.
    #[test]
    fn a_rails_app_gets_its_writable_folders_recursively() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM ruby:3.3-slim\nWORKDIR /rails\nCOPY . .\nCMD [\"bundle\", \"exec\", \"puma\"]\n"
            ),
            "FROM ruby:3.3-slim\nWORKDIR /rails\nCOPY . .\nRUN groupadd --system --gid 10001 app && useradd \
             --system --uid 10001 --gid app --create-home app && mkdir -p /rails/db /rails/log /rails/storage \
             /rails/tmp && chown 10001:10001 /rails && chown -R 10001:10001 /rails/db /rails/log /rails/storage /rails/tmp\nUSER 10001:10001\n\
             CMD [\"bundle\", \"exec\", \"puma\"]\n"
        );
    }

    /// Laravel's queue worker logs to `storage/logs`, copied in as root's: it died at its first log line.
    #[test]
    fn a_laravel_app_gets_storage_and_bootstrap_cache() {
        let fixed = fixed(
            "DW1001",
            "FROM php:8.3-cli-alpine\nWORKDIR /app\nCOPY . .\nCMD [\"php\", \"artisan\", \"queue:work\"]\n",
        );
        assert!(
            fixed.contains(
                "&& chown -R 10001:10001 /app/storage /app/bootstrap/cache\nUSER 10001:10001\n"
            ),
            "{fixed}"
        );
    }

    /// `mkdir -p tmp/pids` also made `tmp`, which stayed root's: Rails could not create `tmp/cache` beside it.
    #[test]
    fn parents_made_by_mkdir_p_inside_the_app_folder_are_given_too() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM ruby:3.3-slim\nWORKDIR /app\nRUN mkdir -p tmp/pids /var/run/app/sock\nCMD [\"app\"]\n"
            ),
            "FROM ruby:3.3-slim\nWORKDIR /app\nRUN mkdir -p tmp/pids /var/run/app/sock\nRUN groupadd --system \
             --gid 10001 app && useradd --system --uid 10001 --gid app --create-home app && chown 10001:10001 /app \
             /app/tmp /app/tmp/pids /var/run/app/sock\nUSER 10001:10001\nCMD [\"app\"]\n"
        );
    }

    /// A relative `WORKDIR` was once given away as written (`chown 1000:1000 app`, run inside `/app`: no such
    /// file, so the rewrite did not build). DW2000 makes it absolute first; until then, no fix.
    #[test]
    fn no_fix_while_the_workdir_is_relative() {
        let src = "FROM node:20\nWORKDIR app\nCOPY server.js ./\nCMD [\"node\", \"server.js\"]\n";
        assert_eq!(lines("DW1001", src).len(), 1);
        assert_eq!(fixed("DW1001", src), src);
    }

    #[test]
    fn system_folders_are_not_given_away_and_unknown_paths_get_no_fix() {
        let src = "FROM python:3.12-slim\nWORKDIR /usr/src\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n";
        assert!(!fixed("DW1001", src).contains("chown"));
        assert_ne!(fixed("DW1001", src), src);
        assert_flagged_once_unfixed(
            "DW1001",
            &[
            "FROM python:3.12-slim\nWORKDIR /app\nRUN mkdir $LOGS\nCMD [\"python\", \"app.py\"]\n",
            "FROM python:3.12-slim\nWORKDIR /app\nRUN mkdir -p data/{a,b}\nCMD [\"python\", \"app.py\"]\n",
            ],
        );
    }

    /// Docker's old Go example ends `WORKDIR /root/` + `COPY --from=builder /app .`: `/root` is mode 700, so
    /// another user cannot even start there (the runtime's `chdir` fails). Found building that rewrite.
    #[test]
    fn no_fix_when_the_app_lives_in_root_s_home() {
        assert_flagged_once_unfixed(
            "DW1001",
            &[
            "FROM debian:12\nWORKDIR /root/app\nCOPY . .\nWORKDIR /\nCMD [\"/root/app/run\"]\n",
            "FROM debian:12\nCOPY app /root/app\nCMD [\"python3\", \"app/main.py\"]\n",
            "FROM debian:12\nWORKDIR /root/src\nCOPY app.py ./\nWORKDIR /srv\nCMD [\"python3\", \"x.py\"]\n",
            "FROM debian:12\nRUN git clone https://x/a.git /srv/a\nCMD ~/start.sh\n",
            ],
        );
        // Moving the folder would be noticed: `/app` is taken, or a step names root's home.
        for src in [
            "FROM alpine:3.22\nRUN mkdir /app\nWORKDIR /root/\nCOPY --from=b /app/main .\nCMD [\"./main\"]\n",
            "FROM alpine:3.22\nWORKDIR /root/\nCOPY --from=b /app/main /app/\nCMD [\"./main\"]\n",
            "FROM alpine:3.22\nWORKDIR /root/\nCOPY --from=b /main .\nCMD [\"sh\", \"-c\", \"$HOME/main\"]\n",
            "FROM alpine:3.22\nWORKDIR /root/\nCOPY --from=b /main .\nRUN ./main --init ~/.cfg\nCMD [\"./main\"]\n",
            "FROM alpine:3.22\nWORKDIR /root/\nCOPY --from=b /main .\nWORKDIR /root/data\nCMD [\"../main\"]\n",
        ] {
            assert_eq!(fixed("DW1001", src), src, "{src}");
        }
        // `/rootfs` is not root's home.
        let src = "FROM debian:12\nWORKDIR /rootfs\nCOPY app .\nCMD [\"./app\"]\n";
        assert_ne!(fixed("DW1001", src), src);
    }

    /// The same example, rewritten as an expert would: the app folder moves to `/app`, which the user owns.
    #[test]
    fn a_workdir_in_root_s_home_alone_moves_to_app() {
        assert_eq!(
            fixed(
                "DW1001",
                "FROM alpine:3.22\nWORKDIR /root/\nCOPY --from=builder /app/main .\nCMD [\"./main\"]\n"
            ),
            "FROM alpine:3.22\nWORKDIR /app\nCOPY --from=builder /app/main .\nRUN addgroup -S -g 10001 app && \
             adduser -S -u 10001 -G app app && chown 10001:10001 /app\nUSER 10001:10001\nCMD [\"./main\"]\n"
        );
    }

    #[test]
    fn no_fix_for_unknown_bases() {
        let src = "FROM myorg/base:1\nCMD x\n";
        assert_eq!(lines("DW1001", src), vec![1]);
        assert_eq!(fixed("DW1001", src), src);
    }

    /// `nginxinc/nginx-unprivileged` runs as uid 101: the fix's `RUN addgroup` ran as 101 and the build failed
    /// with "permission denied (are you root?)".
    #[test]
    fn quiet_on_images_that_start_as_a_non_root_user() {
        for image in [
            "nginxinc/nginx-unprivileged:1.27-alpine",
            "bitnami/nginx:1.27",
            "cgr.dev/chainguard/python:latest",
            "quay.io/jupyter/base-notebook:latest",
        ] {
            let source = format!("FROM {image}\nCOPY app /app\nCMD [\"/app\"]\n");
            assert!(lines("DW1001", &source).is_empty(), "{image}");
        }
        // Switching back to root is still flagged.
        assert_eq!(
            lines(
                "DW1001",
                "FROM bitnami/nginx:1.27\nUSER root\nCOPY app /app\n"
            )
            .len(),
            1
        );
    }

    /// `/start.sh` wrote `/etc/myapp` and `/etc/hosts`: as uid 10001 the container exited at once.
    #[test]
    fn no_fix_when_the_start_script_changes_system_files() {
        let source = "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nCOPY start.sh /start.sh\n\
                      EXPOSE 8000\nENTRYPOINT [\"/start.sh\"]\n";
        let mut config = crate::Config::for_example("DW1001", source);
        config.context_files.insert(
            "start.sh".into(),
            "#!/bin/sh\nset -e\nmkdir -p /etc/myapp\necho x >> /etc/hosts\nexec gunicorn app:app\n"
                .into(),
        );
        assert_eq!(
            crate::rules::prelude::testing::fixed_with("DW1001", source, &config),
            source
        );
        // A script that only starts the app still gets the user.
        config.context_files.insert(
            "start.sh".into(),
            "#!/bin/sh\nexec gunicorn app:app\n".into(),
        );
        assert_ne!(
            crate::rules::prelude::testing::fixed_with("DW1001", source, &config),
            source
        );
        // Words in comments and echoes, or another script's name inside the command's, do not count.
        config.context_files.insert(
            "start.sh".into(),
            "#!/bin/sh\n# writes nothing to /etc/hosts\necho \"starting service \"\nexec gunicorn app:app\n".into(),
        );
        config
            .context_files
            .insert("art.sh".into(), "#!/bin/sh\nchown -R app /data\n".into());
        assert_ne!(
            crate::rules::prelude::testing::fixed_with("DW1001", source, &config),
            source
        );
    }

    /// `ENTRYPOINT ["aws"]`: users mount `~/.aws` at `/root/.aws`; as uid 10001 the CLI found no credentials.
    #[test]
    fn no_fix_for_a_credentials_cli_image() {
        for source in [
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir awscli\nENTRYPOINT [\"aws\"]\n",
            "FROM alpine:3.22\nRUN apk add --no-cache kubectl\nENTRYPOINT [\"/usr/bin/kubectl\"]\nCMD [\"version\"]\n",
        ] {
            assert_eq!(lines("DW1001", source).len(), 1, "{source}");
            assert_eq!(fixed("DW1001", source), source);
        }
    }
}
