//! Users and groups a Dockerfile creates (`useradd`, `adduser`, `groupadd`, `addgroup`), and the users images
//! are known to ship.

use super::{expand, Base, ImageName, Model, Stage};
use dockwise_syntax::shell::ShellCommand;
use dockwise_syntax::{Body, Keyword};

/// A user created by a `RUN`.
#[derive(Clone, Debug, PartialEq)]
pub struct CreatedUser {
    pub name: String,
    /// `-u`/`--uid`, resolved through `ARG`/`ENV` values; `None` when absent or unresolved.
    pub uid: Option<String>,
    /// Primary group: `-g` of useradd, `-G` of busybox adduser, `--ingroup`/`--gid` of Debian adduser.
    pub group: Option<String>,
    /// The uid or the primary group is written with a variable (`--uid "${UID}"`): a `--build-arg` can change
    /// what `uid`/`group` hold.
    pub ids_from_variables: bool,
    /// Index of the `RUN` in [`Model::instructions`].
    pub instruction: usize,
}

/// A group created by a `RUN`.
#[derive(Clone, Debug, PartialEq)]
pub struct CreatedGroup {
    pub name: String,
    pub gid: Option<String>,
    pub instruction: usize,
}

/// Accounts created in a stage and the stages it builds on.
#[derive(Clone, Debug, Default)]
pub struct Accounts {
    pub users: Vec<CreatedUser>,
    pub groups: Vec<CreatedGroup>,
    /// `/etc/passwd` is written or copied in directly: any name may exist.
    pub passwd_edited: bool,
    /// Packages installed with apt/apk/yum/dnf/zypper (their install scripts often create a user of the same
    /// name: `postgresql` creates `postgres`), with the instruction index.
    pub packages: Vec<(String, usize)>,
    /// Users changed with `usermod`/`chsh`/`passwd` (so they exist), with the instruction index.
    pub modified: Vec<(String, usize)>,
    /// Users whose ids `usermod -u`/`-g` changes.
    pub renumbered: Vec<String>,
}

impl Accounts {
    /// Accounts of `stage` and its ancestors (`FROM earlier-stage`).
    pub fn of_stage(model: &Model, stage: &Stage) -> Accounts {
        let chain: Vec<&Stage> = model.stage_chain(stage).collect();
        let mut out = Accounts::default();
        for s in chain.iter().rev() {
            for info in model.stage_instructions(s) {
                match info.kind() {
                    Keyword::Run => {
                        for c in info.commands() {
                            out.read(c, info.index, &|v| expand(v, &info.scope));
                        }
                    }
                    Keyword::Copy | Keyword::Add => {
                        if let Body::Copy(copy) = &info.node.body {
                            let touches =
                                |p: &str| p.contains("/etc/passwd") || p == "/etc" || p == "/etc/";
                            if copy.sources.iter().any(|w| touches(&w.value))
                                || copy.destination.as_ref().is_some_and(|w| touches(&w.value))
                            {
                                out.passwd_edited = true;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    fn read(&mut self, c: &ShellCommand, instruction: usize, resolve: &dyn Fn(&str) -> String) {
        if c.redirects.iter().any(|r| {
            r.target
                .as_ref()
                .is_some_and(|t| t.value.starts_with("/etc/passwd"))
        }) {
            self.passwd_edited = true;
        }
        let program = c.program().unwrap_or("");
        let sub = c.subcommand().unwrap_or("");
        if matches!(
            program,
            "apt-get" | "apt" | "yum" | "dnf" | "microdnf" | "zypper" | "apk"
        ) && matches!(sub, "install" | "add" | "in")
        {
            for w in c.operands().skip(1) {
                let name = w.value.split(['=', '~', '>', '<']).next().unwrap_or("");
                if !name.is_empty() {
                    self.packages.push((name.to_string(), instruction));
                }
            }
        }
        if matches!(program, "usermod" | "chsh" | "passwd" | "chage" | "gpasswd") {
            if let Some(name) = c.operands().last() {
                self.modified.push((resolve(&name.value), instruction));
                let ids = ["-u", "--uid", "-g", "--gid", "-o", "--non-unique"];
                if program == "usermod" && ids.iter().any(|flag| c.has_flag(flag)) {
                    self.renumbered.push(resolve(&name.value));
                }
            }
        }
        // Any command that names /etc/passwd as a file to write (sed -i, tee, cp...).
        if matches!(program, "tee" | "cp" | "sed" | "mv" | "install")
            && c.args().iter().any(|w| w.value.starts_with("/etc/passwd"))
        {
            self.passwd_edited = true;
        }
        let busybox = program == "adduser" && c.args().iter().any(|w| is_busybox_flag(&w.value));
        let value_options: &[&str] = match program {
            "useradd" => &[
                "-b",
                "-c",
                "-d",
                "-e",
                "-f",
                "-g",
                "-G",
                "-k",
                "-K",
                "-p",
                "-R",
                "-P",
                "-s",
                "-u",
                "-Z",
                "--base-dir",
                "--comment",
                "--home-dir",
                "--home",
                "--expiredate",
                "--inactive",
                "--gid",
                "--groups",
                "--skel",
                "--key",
                "--password",
                "--root",
                "--prefix",
                "--shell",
                "--uid",
                "--selinux-user",
            ],
            "adduser" => &[
                "-h",
                "-g",
                "-s",
                "-G",
                "-u",
                "-k",
                "--home",
                "--shell",
                "--ingroup",
                "--gid",
                "--uid",
                "--gecos",
                "--firstuid",
                "--lastuid",
                "--firstgid",
                "--lastgid",
                "--conf",
                "--comment",
                "--add-extra-groups",
                "--extrausers",
            ],
            "groupadd" => &[
                "-g",
                "-K",
                "-p",
                "-R",
                "-P",
                "--gid",
                "--key",
                "--password",
                "--root",
                "--prefix",
            ],
            "addgroup" => &["-g", "--gid", "--firstgid", "--lastgid", "--conf"],
            _ => return,
        };
        // Debian's adduser: --add-extra-groups and --extrausers take no value.
        let value_options: Vec<&str> = value_options
            .iter()
            .copied()
            .filter(|o| !matches!(*o, "--add-extra-groups" | "--extrausers"))
            .collect();
        let mut operands = Vec::new();
        let mut options: Vec<(String, String)> = Vec::new();
        let args = c.args();
        let mut k = 0;
        while let Some(w) = args.get(k) {
            let v = w.value.as_str();
            if let Some((name, value)) = v.split_once('=').filter(|(n, _)| n.starts_with("--")) {
                options.push((name.to_string(), value.to_string()));
            } else if value_options.contains(&v) {
                if let Some(value) = args.get(k + 1) {
                    options.push((v.to_string(), value.value.clone()));
                }
                k += 1;
            } else if v.len() > 2 && v.starts_with('-') && !v.starts_with("--") {
                // A cluster such as `-Su` with the value next, or `-u1000`.
                let last = v.chars().last().unwrap_or('-');
                let joined = format!("-{last}");
                if value_options.contains(&joined.as_str())
                    && v[1..].chars().all(|c| c.is_ascii_alphabetic())
                {
                    if let Some(value) = args.get(k + 1) {
                        options.push((joined, value.value.clone()));
                    }
                    k += 1;
                } else if let Some(first) = v.get(..2).filter(|f| value_options.contains(f)) {
                    options.push((first.to_string(), v.get(2..).unwrap_or("").to_string()));
                }
            } else if !v.starts_with('-') {
                operands.push(v.to_string());
            }
            k += 1;
        }
        let written_with_variable = |names: &[&str]| {
            options
                .iter()
                .any(|(n, v)| names.contains(&n.as_str()) && v.contains('$'))
        };
        let option = |names: &[&str]| {
            options
                .iter()
                .rev()
                .find(|(n, _)| names.contains(&n.as_str()))
                .map(|(_, v)| resolve(v))
                .filter(|v| !v.contains('$') && !v.is_empty())
        };
        match program {
            "useradd" | "adduser" => {
                let Some(name) = operands.first().map(|n| resolve(n)) else {
                    return;
                };
                if program == "adduser" && operands.len() >= 2 {
                    // `adduser user group`: adds an existing user to a group.
                    return;
                }
                let (uid, group) = if program == "useradd" {
                    (option(&["-u", "--uid"]), option(&["-g", "--gid"]))
                } else if busybox {
                    (option(&["-u"]), option(&["-G"]))
                } else {
                    (
                        option(&["-u", "--uid"]),
                        option(&["--ingroup", "--gid", "-G"]),
                    )
                };
                let name = if program == "useradd" {
                    operands.last().map(|n| resolve(n)).unwrap_or(name)
                } else {
                    name
                };
                // The options that set the uid and the primary group (`-G` is BusyBox adduser's primary group,
                // useradd's supplementary ones).
                let id_options: &[&str] = if program == "useradd" {
                    &["-u", "--uid", "-g", "--gid"]
                } else {
                    &["-u", "--uid", "-G", "--gid", "--ingroup"]
                };
                let ids_from_variables = written_with_variable(id_options);
                self.users.push(CreatedUser {
                    name,
                    uid,
                    group,
                    ids_from_variables,
                    instruction,
                });
            }
            _ => {
                if program == "addgroup" && operands.len() >= 2 {
                    return;
                }
                let Some(name) = operands.last().map(|n| resolve(n)) else {
                    return;
                };
                self.groups.push(CreatedGroup {
                    name,
                    gid: option(&["-g", "--gid"]),
                    instruction,
                });
            }
        }
    }

    /// A package installed before `before` whose name suggests it creates user `name` (`postgresql` for
    /// `postgres`, `redis-server` for `redis`), or a `usermod` of that user.
    pub fn implied_user(&self, name: &str, before: usize) -> bool {
        let short = name.len() >= 3;
        self.packages.iter().any(|(p, at)| {
            *at < before && short && (p.starts_with(name) || name.starts_with(p.as_str()))
        }) || self
            .modified
            .iter()
            .any(|(u, at)| *at < before && u == name)
    }

    /// Whether the user or group `name` is known *not* to exist yet when instruction `at` runs: the stage creates
    /// it at `at` or later, and neither an earlier instruction nor the base image provides it. Fixes that move an
    /// owner to an earlier instruction (`COPY --chown=web`) must check this.
    pub fn created_after(&self, model: &Model, stage: &Stage, name: &str, at: usize) -> bool {
        let later = self
            .users
            .iter()
            .any(|u| u.name == name && u.instruction >= at)
            || self
                .groups
                .iter()
                .any(|g| g.name == name && g.instruction >= at);
        let earlier = is_numeric_id(name)
            || self
                .users
                .iter()
                .any(|u| u.name == name && u.instruction < at)
            || self
                .groups
                .iter()
                .any(|g| g.name == name && g.instruction < at)
            || self.implied_user(name, at)
            || is_image_user(model, stage, name) == Some(true);
        later && !earlier
    }

    pub fn user(&self, name: &str) -> Option<&CreatedUser> {
        self.users.iter().rev().find(|u| u.name == name)
    }

    /// The numeric id of a group given by name or number.
    pub fn gid_of(&self, group: &str) -> Option<String> {
        if is_numeric_id(group) {
            return Some(group.to_string());
        }
        self.groups
            .iter()
            .rev()
            .find(|g| g.name == group)
            .and_then(|g| g.gid.clone())
    }
}

/// Flags only busybox's `adduser` has (`-D`, `-S`, `-H` and clusters of them).
fn is_busybox_flag(v: &str) -> bool {
    v.len() >= 2
        && v.starts_with('-')
        && !v.starts_with("--")
        && v[1..].chars().all(|c| c.is_ascii_alphabetic())
        && v[1..].chars().any(|c| matches!(c, 'D' | 'S' | 'H'))
}

pub fn is_numeric_id(text: &str) -> bool {
    !text.is_empty() && text.len() <= 10 && text.chars().all(|c| c.is_ascii_digit())
}

/// Users every common Linux base image ships (Debian, Ubuntu, Alpine, RHEL family, busybox).
const SYSTEM_USERS: &[&str] = &[
    "root",
    "nobody",
    "daemon",
    "bin",
    "sys",
    "sync",
    "games",
    "man",
    "lp",
    "mail",
    "news",
    "uucp",
    "proxy",
    "www-data",
    "backup",
    "list",
    "irc",
    "gnats",
    "_apt",
    "adm",
    "shutdown",
    "halt",
    "operator",
    "postmaster",
    "cron",
    "ftp",
    "sshd",
    "at",
    "squid",
    "xfs",
    "guest",
    "ntp",
    "smmsp",
    "nogroup",
    "systemd-network",
    "tss",
];

/// Users that specific official images create.
fn image_users(repository: &str) -> &'static [&'static str] {
    match repository {
        "node" | "ghost" | "mongo-express" => &["node"],
        "postgres" | "postgis/postgis" => &["postgres"],
        "redis" => &["redis"],
        "mysql" | "mariadb" | "percona" => &["mysql"],
        "nginx" | "nginxinc/nginx-unprivileged" => &["nginx"],
        "mongo" => &["mongodb"],
        "rabbitmq" => &["rabbitmq"],
        "elasticsearch" => &["elasticsearch"],
        "kibana" => &["kibana"],
        "logstash" => &["logstash"],
        "memcached" => &["memcache"],
        "couchdb" => &["couchdb"],
        "cassandra" => &["cassandra"],
        "zookeeper" => &["zookeeper"],
        "solr" => &["solr"],
        "neo4j" => &["neo4j"],
        "influxdb" => &["influxdb"],
        "telegraf" => &["telegraf"],
        "sonarqube" => &["sonarqube"],
        "gradle" => &["gradle"],
        "ubuntu" => &["ubuntu"],
        "haproxy" => &["haproxy"],
        "odoo" => &["odoo"],
        "kong" => &["kong"],
        "jetty" => &["jetty"],
        "flink" => &["flink"],
        "storm" => &["storm"],
        "spark" => &["spark"],
        "groovy" => &["groovy"],
        "tomcat" | "httpd" | "php" | "wordpress" | "drupal" | "nextcloud" | "joomla"
        | "composer" => &[],
        "docker" => &["rootless"],
        "oven/bun" => &["bun"],
        "denoland/deno" => &["deno"],
        "jenkins/jenkins" | "jenkins/inbound-agent" | "jenkins/agent" => &["jenkins"],
        "grafana/grafana" => &["grafana"],
        "jupyter/base-notebook" | "jupyter/minimal-notebook" | "jupyter/scipy-notebook" => {
            &["jovyan"]
        }
        _ => &[],
    }
}

/// Base images whose users Dockwise knows: distributions, language runtimes, the images above. For other
/// images (a private base, a vendor image) a user may come from the base, so rules stay quiet.
fn knows_users(image: &ImageName) -> bool {
    let repo = image.repository();
    let registry = image.registry.as_deref().unwrap_or("docker.io");
    if registry == "gcr.io" && repo.starts_with("distroless/") || registry == "cgr.dev" {
        return true;
    }
    if !image.is_official() && image_users(&repo).is_empty() {
        return false;
    }
    matches!(
        repo.as_str(),
        "alpine"
            | "debian"
            | "ubuntu"
            | "centos"
            | "fedora"
            | "rockylinux"
            | "almalinux"
            | "amazonlinux"
            | "oraclelinux"
            | "busybox"
            | "archlinux"
            | "opensuse/leap"
            | "python"
            | "node"
            | "golang"
            | "ruby"
            | "php"
            | "openjdk"
            | "eclipse-temurin"
            | "amazoncorretto"
            | "rust"
            | "perl"
            | "erlang"
            | "elixir"
            | "haskell"
            | "swift"
            | "julia"
            | "r-base"
            | "dart"
            | "buildpack-deps"
            | "maven"
            | "gradle"
            | "tomcat"
            | "httpd"
            | "nginx"
            | "redis"
            | "postgres"
            | "mysql"
            | "mariadb"
            | "mongo"
            | "haproxy"
            | "memcached"
            | "rabbitmq"
            | "wordpress"
            | "composer"
            | "bash"
            | "ibmjava"
            | "sapmachine"
            | "clojure"
            | "pypy"
            | "mono"
            | "gcc"
            | "ghost"
    ) || !image_users(&repo).is_empty()
}

/// Is `name` a user the stage's base image ships? `None` when the base is not one Dockwise knows.
pub fn is_image_user(model: &Model, stage: &Stage, name: &str) -> Option<bool> {
    match model.root_base(stage) {
        Base::Scratch => Some(false),
        Base::Image(image) => {
            if !knows_users(image) {
                return None;
            }
            let repo = image.repository();
            let chainguard = image.registry.as_deref() == Some("cgr.dev");
            let distroless = repo.starts_with("distroless/") || chainguard;
            // Chainguard's images add their own users beyond `nonroot` (`node` in `chainguard/node`): not known.
            let known = SYSTEM_USERS.contains(&name) || name == "nonroot";
            if chainguard && !known {
                return None;
            }
            Some(
                SYSTEM_USERS.contains(&name)
                    || image_users(&repo).contains(&name)
                    || (distroless && name == "nonroot"),
            )
        }
        _ => None,
    }
}

/// Numeric `(uid, gid)` of an image user whose ids are fixed (`nonroot` of distroless is 65532, `node` of the
/// node images is 1000, `nobody` is 65534 on Debian and Alpine).
pub fn image_user_id(
    model: &Model,
    stage: &Stage,
    name: &str,
) -> Option<(&'static str, &'static str)> {
    if is_image_user(model, stage, name) != Some(true) {
        return None;
    }
    match name {
        "nonroot" => Some(("65532", "65532")),
        "node" => Some(("1000", "1000")),
        "nobody" => Some(("65534", "65534")),
        "www-data" if stage.distro == super::Distro::Debian => Some(("33", "33")),
        "www-data" if stage.distro == super::Distro::Alpine => Some(("82", "82")),
        _ => None,
    }
}

/// The `USER` instructions of a stage with their (unexpanded, expanded) value.
pub fn user_instructions<'m>(
    model: &'m Model,
    stage: &Stage,
) -> impl Iterator<Item = (usize, String)> + 'm {
    let range = stage.range();
    model
        .instructions
        .get(range)
        .unwrap_or(&[])
        .iter()
        .filter_map(|info| {
            if info.kind() != Keyword::User {
                return None;
            }
            match &info.node.body {
                Body::Words(words) => words
                    .first()
                    .map(|w| (info.index, expand(&w.value, &info.scope))),
                _ => None,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accounts(src: &str) -> Accounts {
        let (file, errors) = dockwise_syntax::parse(src);
        let model = Model::new(src, &file, &errors);
        let stage = model.final_stage().expect("a stage").clone();
        Accounts::of_stage(&model, &stage)
    }

    #[test]
    fn reads_useradd_adduser_groupadd_and_addgroup() {
        let a = accounts(
            "FROM debian\nARG UID=1001\nRUN groupadd -g 2000 app && useradd -r -u ${UID} -g app -m app\n",
        );
        assert_eq!(a.users[0].name, "app");
        assert_eq!(a.users[0].uid.as_deref(), Some("1001"));
        assert_eq!(a.gid_of("app").as_deref(), Some("2000"));
        let a = accounts(
            "FROM alpine\nRUN addgroup -g 1000 -S web && adduser -S -D -u 1000 -G web web\n",
        );
        assert_eq!(a.users[0].uid.as_deref(), Some("1000"));
        assert_eq!(a.users[0].group.as_deref(), Some("web"));
        let a = accounts("FROM debian\nRUN adduser --system --uid=999 --ingroup staff svc\n");
        assert_eq!(
            (a.users[0].name.as_str(), a.users[0].uid.as_deref()),
            ("svc", Some("999"))
        );
    }

    #[test]
    fn busybox_adduser_g_is_gecos_not_a_group() {
        let a = accounts("FROM alpine\nRUN adduser -D -g 'App user' app\n");
        assert_eq!(a.users[0].group, None);
        assert_eq!(a.users[0].name, "app");
    }

    #[test]
    fn odd_flags_do_not_panic() {
        let a = accounts("FROM alpine\nRUN adduser -Dé app && useradd -ü x && useradd -u1000 y\n");
        assert_eq!(a.user("y").and_then(|u| u.uid.as_deref()), Some("1000"));
    }

    #[test]
    fn adding_a_user_to_a_group_creates_nothing() {
        let a = accounts("FROM alpine\nRUN adduser app wheel && addgroup app audio\n");
        assert!(a.users.is_empty() && a.groups.is_empty());
    }

    /// `cgr.dev/chainguard/node` ships `node`: DW1002 said it did not.
    #[test]
    fn chainguard_users_beyond_nonroot_are_unknown() {
        let src = "FROM cgr.dev/chainguard/node:latest\nUSER node\n";
        let (file, errors) = dockwise_syntax::parse(src);
        let model = Model::new(src, &file, &errors);
        let stage = model.final_stage().expect("a stage");
        assert_eq!(is_image_user(&model, stage, "node"), None);
        assert_eq!(is_image_user(&model, stage, "nonroot"), Some(true));
    }
}
