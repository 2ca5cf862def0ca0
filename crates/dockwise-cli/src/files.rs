//! Finding Dockerfiles, reading them, and doing work on many of them in parallel with a deterministic order.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Folders never searched.
const SKIPPED_DIRS: [&str; 3] = [".git", "node_modules", "target"];

/// The name `-` is shown as in output.
pub const STDIN_NAME: &str = "<stdin>";

/// One input: a file on disk or standard input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The path as the user sees it (forward slashes, no leading `./`).
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => STDIN_NAME.to_string(),
            Input::File(path) => {
                let text = path.to_string_lossy().replace('\\', "/");
                match text.strip_prefix("./") {
                    Some(rest) if !rest.is_empty() => rest.to_string(),
                    _ => text,
                }
            }
        }
    }
}

/// Is `name` a Dockerfile's name? `Dockerfile`, `Containerfile`, `*.Dockerfile`, `*.dockerfile`, `Dockerfile.*`.
pub fn is_dockerfile_name(name: &str) -> bool {
    name == "Dockerfile"
        || name == "Containerfile"
        || name == "dockerfile"
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
        || name.ends_with(".Containerfile")
        || (name.starts_with("Dockerfile.") && name.len() > "Dockerfile.".len())
        || (name.starts_with("Containerfile.") && name.len() > "Containerfile.".len())
}

/// Extensions of backups, templates and docs: a `Dockerfile.j2` is a template, not a Dockerfile, and is only
/// read when named on the command line.
const NOT_DOCKERFILES: [&str; 13] = [
    "md",
    "orig",
    "swp",
    "swo",
    "bak",
    "rej",
    "j2",
    "jinja",
    "jinja2",
    "tmpl",
    "tpl",
    "template",
    "dockerignore",
];

/// Would a folder search lint this file name? Dockerfile names, minus templates, backups, docs and BuildKit's
/// per-Dockerfile `*.dockerignore` files.
pub fn is_searched_name(name: &str) -> bool {
    if !is_dockerfile_name(name) || name.ends_with('~') {
        return false;
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    !extension.is_some_and(|e| NOT_DOCKERFILES.contains(&e.as_str()))
}

/// What a search found: the inputs (sorted, stdin first, no duplicates), paths that could not be read, and files
/// skipped with the reason.
#[derive(Debug, Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    pub errors: Vec<(String, String)>,
    pub skipped: Vec<(String, String)>,
}

/// Expand the command line's paths: files as given, folders searched recursively (respecting `.gitignore`,
/// skipping hidden folders, vendored folders and `exclude` patterns), `-` for stdin.
pub fn discover(paths: &[String], exclude: &[String]) -> Found {
    let mut found = Found::default();
    let defaults = [".".to_string()];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    for path in paths {
        if path == "-" {
            found.inputs.push(Input::Stdin);
            continue;
        }
        let p = Path::new(path);
        match std::fs::metadata(p) {
            Ok(meta) if meta.is_dir() => walk(p, exclude, &mut found),
            Ok(_) => found.inputs.push(Input::File(p.to_path_buf())),
            Err(e) => found.errors.push((path.clone(), describe(&e))),
        }
    }
    found.inputs.sort();
    found.inputs.dedup();
    found
}

fn walk(dir: &Path, exclude: &[String], found: &mut Found) {
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    for pattern in exclude {
        // An override glob selects; `!` turns it into an exclusion.
        if let Err(e) = overrides.add(&format!("!{}", pattern.trim_start_matches('!'))) {
            found
                .errors
                .push((format!("exclude pattern `{pattern}`"), e.to_string()));
        }
    }
    let overrides = match overrides.build() {
        Ok(o) => o,
        Err(e) => {
            found
                .errors
                .push(("exclude patterns".into(), e.to_string()));
            return;
        }
    };
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        // Respect .gitignore even outside a git repository (a fresh download, a copied folder).
        .require_git(false)
        .git_global(false)
        .overrides(overrides)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                found
                    .errors
                    .push((dir.display().to_string(), e.to_string()));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        let is_file = entry.file_type().is_some_and(|t| t.is_file())
            || (entry.path_is_symlink() && entry.path().is_file());
        if is_file && is_searched_name(&name) {
            found.inputs.push(Input::File(entry.into_path()));
        }
    }
}

/// Write the suggested `.dockerignore` beside `dockerfile` when its folder has none; returns the path written.
pub fn write_dockerignore(dockerfile: &Path, text: &str) -> Result<Option<PathBuf>, String> {
    let dir = match dockerfile.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut own = dockerfile.as_os_str().to_os_string();
    own.push(".dockerignore");
    let target = dir.join(".dockerignore");
    if target.exists() || Path::new(&own).exists() {
        return Ok(None);
    }
    std::fs::write(&target, text)
        .map(|()| Some(target.clone()))
        .map_err(|e| format!("cannot write {}: {}", target.display(), describe(&e)))
}

/// An I/O error in plain words, without Rust's `(os error 2)` suffix.
pub fn describe(error: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match error.kind() {
        NotFound => "no such file or folder".to_string(),
        PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

/// Why a binary file is skipped (a warning, not an error: the run does not fail because of it).
pub const BINARY: &str = "a binary file, not a Dockerfile (it contains NUL bytes)";

/// Read an input as text (invalid UTF-8 is replaced, so a stray byte does not hide the rest of the file).
/// Files over `limit` bytes and binary files (a NUL byte in the first 8 KB) are refused with the reason.
pub fn read(input: &Input, stdin: &Option<String>, limit: u64) -> Result<String, String> {
    let bytes = match input {
        Input::Stdin => {
            return stdin
                .clone()
                .ok_or_else(|| "standard input could not be read".to_string())
        }
        Input::File(path) => {
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if size > limit {
                return Err(format!(
                    "{size} bytes is over the size limit of {limit} bytes; not a Dockerfile? \
                     (raise it with --max-file-size or `max_file_size` in .dockwise.toml)"
                ));
            }
            match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                    return Err("is a folder".to_string())
                }
                Err(e) => return Err(describe(&e)),
            }
        }
    };
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(BINARY.to_string());
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Read all of standard input when one of the inputs is `-`.
pub fn read_stdin_if_needed(inputs: &[Input]) -> Option<String> {
    if !inputs.contains(&Input::Stdin) {
        return None;
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Apply `work` to every item on all cores; results come back in the items' order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let result = work(item);
                if let Ok(mut slots) = results.lock() {
                    slots[i] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_dockerfile_names() {
        for name in [
            "Dockerfile",
            "Containerfile",
            "api.Dockerfile",
            "api.dockerfile",
            "Dockerfile.dev",
        ] {
            assert!(is_dockerfile_name(name), "{name}");
        }
        for name in [
            "Dockerfile.",
            "README.md",
            "dockerfile.md.txt",
            "Dockerfiles",
            "docker-compose.yml",
        ] {
            assert!(!is_dockerfile_name(name), "{name}");
        }
    }

    #[test]
    fn parallel_map_keeps_the_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            parallel_map(&items, |i| i * 2),
            items.iter().map(|i| i * 2).collect::<Vec<_>>()
        );
    }

    #[test]
    fn shows_paths_without_a_leading_dot_slash() {
        assert_eq!(
            Input::File(PathBuf::from("./a/Dockerfile")).display(),
            "a/Dockerfile"
        );
        assert_eq!(Input::Stdin.display(), STDIN_NAME);
    }
}
