//! Stand-in base images: a Debian bookworm rootfs (and a trixie one for Python 3.13) made with mmdebstrap (cached as a tarball under
//! `<tools>/standins`, keyed by a hash of its recipe), and every family derived from it by a small Containerfile
//! (cached in buildah's storage under a tag keyed by the hash of the recipe chain and the host CA bundle).
//! Only the stand-ins the selected fixtures need are built.

use super::buildah::Buildah;
use std::path::{Path, PathBuf};
use std::process::Command;

const MMDEBSTRAP_ARGS: &[&str] = &["--variant=minbase", "--include=ca-certificates,busybox"];
/// The Debian releases stand-ins derive from: `rootfs` is bookworm (Debian 12, what the official images and
/// distroless `-debian12` are built on); `rootfs-trixie` (Debian 13, Python 3.13) plays `python:3.13-slim`, so a
/// Python minor-version mismatch between stages is real here too.
const SUITES: &[(&str, &str)] = &[("rootfs", "bookworm"), ("rootfs-trixie", "trixie")];
const MIRROR: &str = "http://deb.debian.org/debian";
const HOST_CA: &str = "/etc/ssl/certs/ca-certificates.crt";

/// One stand-in: its name, recipe (a Containerfile template) and the stand-ins it is built from.
struct Recipe {
    name: &'static str,
    template: &'static str,
    /// `{placeholder}` -> stand-in name (or `rootfs`).
    parents: &'static [(&'static str, &'static str)],
    /// `{placeholder}` -> literal text.
    literals: &'static [(&'static str, &'static str)],
}

const DEBIAN: &str = include_str!("standins/debian.Containerfile");
const ALPINE: &str = include_str!("standins/alpine.Containerfile");
const PYTHON: &str = include_str!("standins/python.Containerfile");
const PYTHON_SLIM: &str = include_str!("standins/python-slim.Containerfile");
const NODE: &str = include_str!("standins/node.Containerfile");
const GOLANG: &str = include_str!("standins/golang.Containerfile");
const NGINX: &str = include_str!("standins/nginx.Containerfile");
const DISTROLESS: &str = include_str!("standins/distroless.Containerfile");
const RUST: &str = include_str!("standins/rust.Containerfile");
/// Stand-ins whose build context also holds the host's Rust toolchain (`rust-toolchain/`).
const WITH_HOST_RUST: &[&str] = &["rust"];
const NONROOT: &str = "FROM {image}\nUSER 65532:65532\n";

/// Files every recipe's build context holds.
const CONTEXT_FILES: &[(&str, &str)] = &[
    ("apk", include_str!("standins/apk")),
    ("adduser", include_str!("standins/adduser")),
    ("addgroup", include_str!("standins/addgroup")),
    ("distroless-tree", include_str!("standins/distroless-tree")),
];

const RECIPES: &[Recipe] = &[
    Recipe {
        name: "debian",
        template: DEBIAN,
        parents: &[("rootfs", "rootfs")],
        literals: &[],
    },
    Recipe {
        name: "alpine",
        template: ALPINE,
        parents: &[("debian", "debian")],
        literals: &[],
    },
    Recipe {
        name: "python",
        template: PYTHON,
        parents: &[("debian", "debian")],
        literals: &[("pyver", "3.11")],
    },
    Recipe {
        name: "python-slim",
        template: PYTHON_SLIM,
        parents: &[("base", "debian")],
        literals: &[("pyver", "3.11")],
    },
    Recipe {
        name: "python-alpine",
        template: PYTHON_SLIM,
        parents: &[("base", "alpine")],
        literals: &[("pyver", "3.11")],
    },
    Recipe {
        name: "debian-trixie",
        template: DEBIAN,
        parents: &[("rootfs", "rootfs-trixie")],
        literals: &[],
    },
    Recipe {
        name: "python-slim-trixie",
        template: PYTHON_SLIM,
        parents: &[("base", "debian-trixie")],
        literals: &[("pyver", "3.13")],
    },
    Recipe {
        name: "node",
        template: NODE,
        parents: &[("base", "debian")],
        literals: &[],
    },
    Recipe {
        name: "node-alpine",
        template: NODE,
        parents: &[("base", "alpine")],
        literals: &[],
    },
    Recipe {
        name: "golang",
        template: GOLANG,
        parents: &[("base", "debian")],
        literals: &[],
    },
    Recipe {
        name: "golang-alpine",
        template: GOLANG,
        parents: &[("base", "alpine")],
        literals: &[],
    },
    Recipe {
        name: "nginx",
        template: NGINX,
        parents: &[("base", "debian")],
        literals: &[],
    },
    Recipe {
        name: "nginx-alpine",
        template: NGINX,
        parents: &[("base", "alpine")],
        literals: &[],
    },
    Recipe {
        name: "rust",
        template: RUST,
        parents: &[("base", "debian")],
        literals: &[],
    },
    Recipe {
        name: "distroless-static",
        template: DISTROLESS,
        parents: &[("source", "debian")],
        literals: &[("kind", "static"), ("extra", "")],
    },
    Recipe {
        name: "distroless-base",
        template: DISTROLESS,
        parents: &[("source", "debian")],
        literals: &[("kind", "base"), ("extra", "")],
    },
    Recipe {
        name: "distroless-python3",
        template: DISTROLESS,
        parents: &[("source", "python-slim")],
        literals: &[
            ("kind", "python3"),
            ("extra", "ENTRYPOINT [\"/usr/bin/python3\"]"),
        ],
    },
    Recipe {
        name: "distroless-nodejs",
        template: DISTROLESS,
        parents: &[("source", "node")],
        literals: &[
            ("kind", "nodejs"),
            ("extra", "ENTRYPOINT [\"/nodejs/bin/node\"]"),
        ],
    },
    Recipe {
        name: "distroless-static-nonroot",
        template: NONROOT,
        parents: &[("image", "distroless-static")],
        literals: &[],
    },
    Recipe {
        name: "distroless-base-nonroot",
        template: NONROOT,
        parents: &[("image", "distroless-base")],
        literals: &[],
    },
    Recipe {
        name: "distroless-nodejs-nonroot",
        template: NONROOT,
        parents: &[("image", "distroless-nodejs")],
        literals: &[],
    },
    Recipe {
        name: "distroless-python3-nonroot",
        template: NONROOT,
        parents: &[("image", "distroless-python3")],
        literals: &[],
    },
];

/// Whether `name` is a stand-in this module can build.
#[cfg(test)]
pub fn exists(name: &str) -> bool {
    RECIPES.iter().any(|r| r.name == name)
}

pub struct StandIns<'a> {
    buildah: &'a Buildah,
    cache: PathBuf,
    host_ca: String,
}

impl<'a> StandIns<'a> {
    pub fn new(buildah: &'a Buildah, tools: &Path) -> Result<StandIns<'a>, String> {
        let host_ca = std::fs::read_to_string(HOST_CA)
            .map_err(|e| format!("cannot read the host CA bundle {HOST_CA}: {e}"))?;
        Ok(StandIns {
            buildah,
            cache: tools.join("standins"),
            host_ca,
        })
    }

    /// The image tag of stand-in `name`, building it (and what it derives from) if missing.
    pub fn ensure(&self, name: &str) -> Result<String, String> {
        if let Some((_, suite)) = SUITES.iter().find(|(n, _)| *n == name) {
            return self.rootfs(suite);
        }
        let recipe = RECIPES
            .iter()
            .find(|r| r.name == name)
            .ok_or_else(|| format!("no stand-in recipe named {name}"))?;
        let mut text = recipe.template.to_string();
        for (placeholder, parent) in recipe.parents {
            let tag = self.ensure(parent)?;
            text = text.replace(&format!("{{{placeholder}}}"), &tag);
        }
        for (placeholder, value) in recipe.literals {
            text = text.replace(&format!("{{{placeholder}}}"), value);
        }
        let mut key = text.clone();
        for (_, body) in CONTEXT_FILES {
            key.push_str(body);
        }
        key.push_str(&self.host_ca);
        let host_rust = WITH_HOST_RUST.contains(&name);
        if host_rust {
            key.push_str(&host_rust_version()?);
        }
        let tag = format!("localhost/dockwise-standin/{name}:{:016x}", fnv(&key));
        if self.buildah.image_exists(&tag) {
            return Ok(tag);
        }
        let context = self.cache.join(format!("context-{name}"));
        let _ = std::fs::remove_dir_all(&context);
        std::fs::create_dir_all(&context).map_err(|e| format!("{}: {e}", context.display()))?;
        for (file, body) in CONTEXT_FILES {
            write(&context.join(file), body)?;
        }
        write(&context.join("host-ca.crt"), &self.host_ca)?;
        write(&context.join("Containerfile"), &text)?;
        if host_rust {
            stage_host_rust(&context.join("rust-toolchain"))?;
        }
        println!("verify: building stand-in {name} ({tag})");
        let started = std::time::Instant::now();
        self.buildah
            .build(
                &context.join("Containerfile"),
                &context,
                &tag,
                &context.join("build.log"),
            )
            .map_err(|e| {
                format!(
                    "stand-in {name} failed to build: {e} (log: {})",
                    context.join("build.log").display()
                )
            })?;
        println!(
            "verify: stand-in {name} ready in {:.0} s",
            started.elapsed().as_secs_f64()
        );
        Ok(tag)
    }

    /// The minbase rootfs of a Debian `suite`: a tarball made once by mmdebstrap, imported into buildah's storage.
    fn rootfs(&self, suite: &str) -> Result<String, String> {
        let recipe = format!("mmdebstrap {} {suite} {MIRROR}", MMDEBSTRAP_ARGS.join(" "));
        let hash = fnv(&recipe);
        let tag = format!("localhost/dockwise-standin/rootfs:{hash:016x}");
        if self.buildah.image_exists(&tag) {
            return Ok(tag);
        }
        std::fs::create_dir_all(&self.cache)
            .map_err(|e| format!("{}: {e}", self.cache.display()))?;
        let tarball = self.cache.join(format!("rootfs-{hash:016x}.tar"));
        if !tarball.exists() {
            println!("verify: making the {suite} rootfs with mmdebstrap (about two minutes)");
            let started = std::time::Instant::now();
            let partial = tarball.with_extension("partial.tar");
            let log = std::fs::File::create(self.cache.join("mmdebstrap.log"))
                .map_err(|e| e.to_string())?;
            let status = Command::new("mmdebstrap")
                .args(MMDEBSTRAP_ARGS)
                .arg(suite)
                .arg(&partial)
                .arg(MIRROR)
                .stdout(log.try_clone().map_err(|e| e.to_string())?)
                .stderr(log)
                .status()
                .map_err(|e| format!("cannot run mmdebstrap: {e}"))?;
            if !status.success() {
                return Err(format!(
                    "mmdebstrap failed ({status}); see {}",
                    self.cache.join("mmdebstrap.log").display()
                ));
            }
            std::fs::rename(&partial, &tarball).map_err(|e| e.to_string())?;
            println!(
                "verify: rootfs made in {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
        self.buildah.import(&tarball, &tag)?;
        Ok(tag)
    }
}

/// `rustc -vV` of the host: part of the rust stand-in's cache key.
fn host_rust_version() -> Result<String, String> {
    crate::run::probe("rustc", &["-vV"])
        .ok_or_else(|| "the rust stand-in needs the host's rustc".to_string())
}

/// Copy what `cargo build` needs from the host's toolchain into `out`: rustc, cargo, the compiler's shared
/// libraries and the x86_64 target (standard library and the linker wrapper), not docs or other targets.
fn stage_host_rust(out: &Path) -> Result<(), String> {
    let sysroot = crate::run::probe("rustc", &["--print", "sysroot"])
        .map(|s| PathBuf::from(s.trim()))
        .ok_or_else(|| "cannot ask the host's rustc for its sysroot".to_string())?;
    let target = "lib/rustlib/x86_64-unknown-linux-gnu";
    for dir in ["bin", "lib/rustlib"] {
        std::fs::create_dir_all(out.join(dir)).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let mut copies: Vec<(PathBuf, PathBuf)> = ["bin/rustc", "bin/cargo", target]
        .iter()
        .map(|p| (sysroot.join(p), out.join(p)))
        .collect();
    let libs = std::fs::read_dir(sysroot.join("lib"))
        .map_err(|e| format!("{}/lib: {e}", sysroot.display()))?;
    for entry in libs.filter_map(Result::ok) {
        if entry.file_name().to_string_lossy().contains(".so") {
            copies.push((entry.path(), out.join("lib").join(entry.file_name())));
        }
    }
    for (from, to) in copies {
        crate::run::command(Command::new("cp").arg("-a").arg(&from).arg(&to))?;
    }
    Ok(())
}

fn write(path: &Path, body: &str) -> Result<(), String> {
    std::fs::write(path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// FNV-1a, 64 bit: a stable cache key (not a security boundary).
pub fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
