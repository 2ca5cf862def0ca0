//! Installing the pinned tools from the package registries only, skipping what is already at the pinned
//! version. Everything lands under one cache folder (`DOCKWISE_TOOLS`, default `~/.cache/dockwise`) that later
//! runs reuse.

use crate::run;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const WASM_OPT_VERSION: &str = "version 132";
pub const PLAYWRIGHT_VERSION: &str = "1.65.1";
/// The accessibility checker the e2e suite injects into the playground (tests/e2e/a11y.test.mjs).
pub const AXE_VERSION: &str = "4.14.1";
/// The playground's Lighthouse benchmark (tests/e2e/lighthouse.mjs), run with Debian's Chromium.
pub const LIGHTHOUSE_VERSION: &str = "12.8.2";
/// BuildKit's own Dockerfile parser (Python bindings): the parser's differential test oracle.
pub const BUILDKIT_PARSER_VERSION: &str = "3.4.0";

/// Which tools a command needs.
#[derive(Copy, Clone)]
pub struct Needs {
    pub bundle: bool,
    pub browser: bool,
}

impl Needs {
    pub fn build() -> Needs {
        Needs {
            bundle: true,
            browser: false,
        }
    }

    /// Node and npm only (the VS Code extension).
    pub fn editor() -> Needs {
        Needs {
            bundle: false,
            browser: false,
        }
    }

    pub fn everything() -> Needs {
        Needs {
            bundle: true,
            browser: true,
        }
    }
}

/// Where the tools are, and how to run commands with them on PATH.
pub struct Tools {
    pub dir: PathBuf,
    path: String,
}

impl Tools {
    fn new() -> Tools {
        let dir = std::env::var_os("DOCKWISE_TOOLS")
            .map(PathBuf::from)
            .unwrap_or_else(|| home().join(".cache/dockwise"));
        let mut parts = vec![
            dir.join("cargo/bin"),
            dir.join("npm/node_modules/.bin"),
            home().join(".cargo/bin"),
        ];
        parts.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let path = std::env::join_paths(parts)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        Tools { dir, path }
    }

    /// A command with the tools on PATH and the variables tests rely on.
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("PATH", &self.path)
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("DOCKWISE_NODE_MODULES", self.node_modules())
            .env("TRUNK_OFFLINE", "true")
            .current_dir(run::root());
        cmd
    }

    pub fn node_modules(&self) -> PathBuf {
        self.dir.join("npm/node_modules")
    }

    fn version_of(&self, program: &str, args: &[&str]) -> Option<String> {
        let out = self.command(program).args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

/// Install what `needs` asks for; returns the tools to run commands with.
pub fn all(needs: Needs) -> Result<Tools, String> {
    let tools = Tools::new();
    std::fs::create_dir_all(&tools.dir)
        .map_err(|e| format!("cannot create {}: {e}", tools.dir.display()))?;
    run::step("set-up: tools", || {
        if needs.bundle {
            wasm_target()?;
            trunk(&tools)?;
            wasm_bindgen(&tools)?;
        }
        if needs.bundle || needs.browser {
            npm_packages(&tools, needs.browser)?;
        }
        if needs.browser {
            chromium()?;
            buildkit_parser()?;
        }
        run::command(tools.command(env!("CARGO")).arg("fetch").arg("--quiet"))
    })?;
    Ok(tools)
}

fn wasm_target() -> Result<(), String> {
    let installed = run::probe("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("ok: wasm32-unknown-unknown target");
        return Ok(());
    }
    run::command(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
        .map_err(|e| format!("{e}\n  the wasm32 target is missing: run `rustup target add wasm32-unknown-unknown`"))
}

fn trunk(tools: &Tools) -> Result<(), String> {
    if tools
        .version_of("trunk", &["--version"])
        .is_some_and(|v| v.contains(TRUNK_VERSION))
    {
        println!("ok: trunk {TRUNK_VERSION}");
        return Ok(());
    }
    println!("installing trunk {TRUNK_VERSION} (about 5 minutes on 2 cores)");
    cargo_install(tools, &["trunk", "--version", TRUNK_VERSION, "--locked"])
}

fn wasm_bindgen(tools: &Tools) -> Result<(), String> {
    let version = wasm_bindgen_version()?;
    if tools
        .version_of("wasm-bindgen", &["--version"])
        .is_some_and(|v| v.split_whitespace().any(|w| w == version))
    {
        println!("ok: wasm-bindgen-cli {version}");
        return Ok(());
    }
    println!("installing wasm-bindgen-cli {version} (equal to Cargo.lock; about 2 minutes)");
    // Not --locked: its lock file names a crate version the registry does not serve.
    cargo_install(tools, &["wasm-bindgen-cli", "--version", &version])
}

fn cargo_install(tools: &Tools, args: &[&str]) -> Result<(), String> {
    let root = tools.dir.join("cargo");
    run::command(
        tools
            .command(env!("CARGO"))
            .arg("install")
            .args(args)
            .arg("--root")
            .arg(&root)
            // Half the build time; these are build tools, not our product.
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    )
    .map_err(|e| {
        format!(
            "{e}\n  could not install `{}` from crates.io",
            args.join(" ")
        )
    })
}

/// The `wasm-bindgen` version pinned in Cargo.lock: the CLI must equal it exactly.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(run::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".to_string())
}

fn npm_packages(tools: &Tools, browser: bool) -> Result<(), String> {
    let prefix = tools.dir.join("npm");
    let mut wanted = vec![("binaryen", BINARYEN_VERSION)];
    if browser {
        wanted.push(("playwright-core", PLAYWRIGHT_VERSION));
        wanted.push(("axe-core", AXE_VERSION));
        wanted.push(("lighthouse", LIGHTHOUSE_VERSION));
    }
    let missing: Vec<String> = wanted
        .iter()
        .filter(|(name, version)| {
            npm_version(&tools.node_modules(), name).as_deref() != Some(*version)
        })
        .map(|(name, version)| format!("{name}@{version}"))
        .collect();
    if missing.is_empty() {
        println!(
            "ok: npm {}",
            wanted
                .iter()
                .map(|(n, v)| format!("{n}@{v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(());
    }
    node_and_npm()?;
    std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
    run::command(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .args(&missing),
    )
    .map_err(|e| {
        format!(
            "{e}\n  could not install {} from the npm registry",
            missing.join(", ")
        )
    })?;
    let reported = tools
        .version_of("wasm-opt", &["--version"])
        .unwrap_or_default();
    if !reported.contains(WASM_OPT_VERSION) {
        return Err(format!(
            "wasm-opt reports `{}`, expected {WASM_OPT_VERSION}",
            reported.trim()
        ));
    }
    Ok(())
}

/// Node and npm from Debian when missing.
pub fn node_and_npm() -> Result<(), String> {
    if run::probe("npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    Ok(())
}

fn npm_version(node_modules: &Path, package: &str) -> Option<String> {
    let manifest = std::fs::read_to_string(node_modules.join(package).join("package.json")).ok()?;
    let at = manifest.find("\"version\"")?;
    let rest = &manifest[at + 9..];
    let start = rest.find('"')? + 1;
    let end = start + rest[start..].find('"')?;
    Some(rest[start..end].to_string())
}

/// `pip install dockerfile==3.4.0`, so the BuildKit differential test runs instead of skipping.
fn buildkit_parser() -> Result<(), String> {
    let check = "import importlib.metadata as m; print(m.version('dockerfile'))";
    if run::probe("python3", &["-c", check]).is_some_and(|v| v.trim() == BUILDKIT_PARSER_VERSION) {
        println!("ok: python dockerfile=={BUILDKIT_PARSER_VERSION} (BuildKit's parser)");
        return Ok(());
    }
    let package = format!("dockerfile=={BUILDKIT_PARSER_VERSION}");
    run::command(Command::new("python3").args(["-m", "pip", "install", "--quiet", &package])).map_err(|e| {
        format!("{e}\n  could not install BuildKit's parser from PyPI: run `python3 -m pip install {package}`")
    })
}

fn chromium() -> Result<(), String> {
    let have = |p: &str| Path::new(p).exists();
    if have("/usr/bin/chromium") && have("/usr/bin/chromedriver") {
        println!("ok: chromium and chromedriver");
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// Debian packages, as root or through sudo.
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let root = run::probe("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if root {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.args(["-n", "apt-get"]);
            c
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run::command(&mut cmd)
    };
    let hint = || {
        format!(
            "could not install {} with apt-get; as root run: apt-get update && apt-get install -y {}",
            packages.join(", "),
            packages.join(" ")
        )
    };
    apt(&["update", "-qq"]).map_err(|e| format!("{e}\n  {}", hint()))?;
    let mut args = vec!["install", "-y", "-qq"];
    args.extend(packages);
    apt(&args).map_err(|e| format!("{e}\n  {}", hint()))
}
