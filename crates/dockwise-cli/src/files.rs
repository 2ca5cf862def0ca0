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

/// Expand the command line's paths: files as given, folders searched recursively, `-` for stdin.
/// Returns the inputs sorted by path (stdin first) without duplicates, and the paths that could not be read.
pub fn discover(paths: &[String]) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let defaults = [".".to_string()];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    for path in paths {
        if path == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let p = Path::new(path);
        match std::fs::metadata(p) {
            Ok(meta) if meta.is_dir() => walk(p, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(p.to_path_buf())),
            Err(e) => errors.push((path.clone(), describe(&e))),
        }
    }
    inputs.sort();
    inputs.dedup();
    (inputs, errors)
}

fn walk(dir: &Path, out: &mut Vec<Input>, errors: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push((dir.to_string_lossy().into_owned(), describe(&e)));
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        // Follow symlinks to files, but not to folders (no cycles).
        if kind.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_ref()) {
                walk(&path, out, errors);
            }
        } else if is_dockerfile_name(&name) && (kind.is_file() || path.is_file()) {
            out.push(Input::File(path));
        }
    }
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

/// Read an input as text (invalid UTF-8 is replaced, so a stray byte does not hide the rest of the file).
pub fn read(input: &Input, stdin: &Option<String>) -> Result<String, String> {
    match input {
        Input::Stdin => stdin
            .clone()
            .ok_or_else(|| "standard input could not be read".to_string()),
        Input::File(path) => match std::fs::read(path) {
            Ok(bytes) => Ok(match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                Err("is a folder".to_string())
            }
            Err(e) => Err(describe(&e)),
        },
    }
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
