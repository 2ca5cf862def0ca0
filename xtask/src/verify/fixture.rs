//! A fixture folder under tests/builds/: its fixture.toml (the small TOML subset the contract uses, read by hand
//! to keep xtask dependency-free) and its Dockerfile variants.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Fixture {
    pub name: String,
    pub dir: PathBuf,
    pub description: String,
    /// The build context: the fixture's folder, or `context` relative to it (the repository's own Dockerfile
    /// builds from the repository root).
    pub context: PathBuf,
    /// What to check: an HTTP server on a port, or a command run to completion.
    pub check: Check,
    pub port: u16,
    pub path: String,
    pub expect: String,
    pub ci: bool,
    /// Files of the app folder that only the build reads (`*.go go.mod go.sum` for a compiled Go program): a
    /// rewrite that leaves them out of the runtime image still keeps everything the app reads at run time. Each
    /// pattern must name a file of the fixture's folder, so a stale list fails to load.
    pub build_inputs: Vec<String>,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// `GET path` on `port` answers 200 with `expect` in the body.
    Serve,
    /// The image's ENTRYPOINT with these arguments instead of its CMD (`run = "rules --format json"`) exits 0
    /// and prints `expect`: for images that are tools, not servers.
    Run(Vec<String>),
}

#[derive(Debug, Default, Clone)]
pub struct Variant {
    /// `Dockerfile` or `Dockerfile.<variant>`.
    pub file: String,
    pub original_fails: bool,
    pub unsafe_must_serve: bool,
    /// Expected failures still being fixed: the whole variant, or one rewrite column.
    pub xfail: Option<String>,
    pub xfail_safe: Option<String>,
    pub xfail_unsafe: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Int(i64),
    Bool(bool),
}

pub fn load_all(root: &Path) -> Result<Vec<Fixture>, String> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map_err(|e| format!("cannot read {}: {e}", root.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.join("fixture.toml").is_file())
        .collect();
    dirs.sort();
    dirs.iter().map(|dir| load(dir)).collect()
}

pub fn load(dir: &Path) -> Result<Fixture, String> {
    let name = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let toml = dir.join("fixture.toml");
    let text = std::fs::read_to_string(&toml).map_err(|e| format!("{}: {e}", toml.display()))?;
    let tables = parse(&text).map_err(|e| format!("{}: {e}", toml.display()))?;
    let top = tables.get("").cloned().unwrap_or_default();
    let text_of = |table: &BTreeMap<String, Value>, key: &str| match table.get(key) {
        Some(Value::Text(s)) => Ok(Some(s.clone())),
        None => Ok(None),
        Some(other) => Err(format!(
            "{}: `{key}` must be a string, not {other:?}",
            toml.display()
        )),
    };
    let bool_of = |table: &BTreeMap<String, Value>, key: &str| match table.get(key) {
        Some(Value::Bool(b)) => Ok(*b),
        None => Ok(false),
        Some(other) => Err(format!(
            "{}: `{key}` must be true or false, not {other:?}",
            toml.display()
        )),
    };
    let check = match text_of(&top, "run")? {
        Some(args) => Check::Run(args.split_whitespace().map(str::to_string).collect()),
        None => Check::Serve,
    };
    let port = match (top.get("port"), &check) {
        (Some(Value::Int(p)), _) if (1..=65535).contains(p) => *p as u16,
        (None, Check::Run(_)) => 0,
        _ => {
            return Err(format!(
                "{}: `port` (1-65535) is required, unless `run` names a command to check",
                toml.display()
            ))
        }
    };
    let context = match text_of(&top, "context")? {
        Some(relative) => dir
            .join(&relative)
            .canonicalize()
            .map_err(|e| format!("{}: context = {relative:?}: {e}", toml.display()))?,
        None => dir.to_path_buf(),
    };
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|f| f == "Dockerfile" || f.starts_with("Dockerfile."))
        .filter(|f| !f.ends_with(".dockerignore"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{}: no Dockerfile or Dockerfile.<variant>",
            dir.display()
        ));
    }
    for table in tables.keys().filter_map(|k| k.strip_prefix("variants.")) {
        if !files.iter().any(|f| f == table) {
            return Err(format!(
                "{}: [variants.\"{table}\"] names no file in the fixture",
                toml.display()
            ));
        }
    }
    let mut variants = Vec::new();
    for file in files {
        let table = tables
            .get(&format!("variants.{file}"))
            .cloned()
            .unwrap_or_default();
        let original_fails = match text_of(&table, "original")?.as_deref() {
            None | Some("serves") => false,
            Some("fails") => true,
            Some(other) => {
                return Err(format!(
                    "{}: original = {other:?} (\"serves\" or \"fails\")",
                    toml.display()
                ))
            }
        };
        variants.push(Variant {
            original_fails,
            unsafe_must_serve: bool_of(&table, "unsafe_must_serve")?,
            xfail: text_of(&table, "xfail")?,
            xfail_safe: text_of(&table, "xfail_safe")?,
            xfail_unsafe: text_of(&table, "xfail_unsafe")?,
            file,
        });
    }
    Ok(Fixture {
        description: text_of(&top, "description")?.unwrap_or_default(),
        path: text_of(&top, "path")?.unwrap_or_else(|| "/".to_string()),
        expect: text_of(&top, "expect")?
            .ok_or_else(|| format!("{}: `expect` is required", toml.display()))?,
        ci: bool_of(&top, "ci")?,
        build_inputs: build_inputs(text_of(&top, "build_inputs")?, dir, &toml)?,
        context,
        check,
        port,
        name,
        dir: dir.to_path_buf(),
        variants,
    })
}

/// `build_inputs = "*.go go.mod"`: each pattern must name a file in the fixture's folder.
fn build_inputs(list: Option<String>, dir: &Path, toml: &Path) -> Result<Vec<String>, String> {
    let patterns: Vec<String> = list
        .map(|list| list.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let files = files_under(dir);
    match patterns.iter().find(|pattern| {
        !files
            .iter()
            .any(|file| super::is_build_input(file, pattern))
    }) {
        Some(stale) => Err(format!(
            "{}: build_inputs pattern {stale:?} names no file in {}",
            toml.display(),
            dir.display()
        )),
        None => Ok(patterns),
    }
}

/// Paths of the files under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                files.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    files
}

/// Tables of `key = value` lines; `[variants."Dockerfile.x"]` headers become the table `variants.Dockerfile.x`.
fn parse(text: &str) -> Result<BTreeMap<String, BTreeMap<String, Value>>, String> {
    let mut tables: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    let mut current = String::new();
    tables.insert(current.clone(), BTreeMap::new());
    for (index, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        let at = || format!("line {}", index + 1);
        if line.is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = header.split('.').next().unwrap_or("").trim().to_string();
            let rest = header[current.len()..].trim_start_matches('.').trim();
            if !rest.is_empty() {
                current = format!("{current}.{}", rest.trim_matches('"'));
            }
            tables.entry(current.clone()).or_default();
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| format!("{}: expected key = value", at()))?;
        let value = value.trim();
        let parsed = if let Some(s) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            Value::Text(s.replace("\\\"", "\"").replace("\\\\", "\\"))
        } else if value == "true" || value == "false" {
            Value::Bool(value == "true")
        } else {
            Value::Int(
                value
                    .parse()
                    .map_err(|_| format!("{}: unsupported value {value}", at()))?,
            )
        };
        let table = tables.entry(current.clone()).or_default();
        if table.insert(key.trim().to_string(), parsed).is_some() {
            return Err(format!("{}: `{}` given twice", at(), key.trim()));
        }
    }
    Ok(tables)
}

/// Drop a `#` comment that is not inside a string.
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' if in_string && !escaped => {
                escaped = true;
                continue;
            }
            '"' if !escaped => in_string = !in_string,
            '#' if !in_string => return &line[..i],
            _ => {}
        }
        escaped = false;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_contract_example() {
        let tables = parse(
            "description = \"Flask # not a comment\"\nport = 8000 # the port\nci = true\n\
             [variants.\"Dockerfile.distroless-broken\"]\noriginal = \"fails\"\nunsafe_must_serve = true\n",
        )
        .unwrap();
        assert_eq!(
            tables[""]["description"],
            Value::Text("Flask # not a comment".into())
        );
        assert_eq!(tables[""]["port"], Value::Int(8000));
        assert_eq!(tables[""]["ci"], Value::Bool(true));
        let variant = &tables["variants.Dockerfile.distroless-broken"];
        assert_eq!(variant["original"], Value::Text("fails".into()));
        assert_eq!(variant["unsafe_must_serve"], Value::Bool(true));
    }

    #[test]
    fn rejects_what_it_does_not_understand() {
        assert!(parse("port = [80]").is_err());
        assert!(parse("port 80").is_err());
        assert!(parse("port = 80\nport = 81").is_err());
    }

    #[test]
    fn a_command_check_needs_no_port_and_a_context_resolves_from_the_fixture() {
        let dir = std::env::temp_dir().join(format!("dockwise-fixture-{}", std::process::id()));
        let fixture_dir = dir.join("tool");
        std::fs::create_dir_all(&fixture_dir).unwrap();
        std::fs::write(fixture_dir.join("Dockerfile"), "FROM debian\n").unwrap();
        std::fs::write(
            fixture_dir.join("fixture.toml"),
            "run = \"--version  --quiet\"\nexpect = \"1.0\"\ncontext = \"..\"\n",
        )
        .unwrap();
        let fixture = load(&fixture_dir).unwrap();
        assert_eq!(
            fixture.check,
            Check::Run(vec!["--version".into(), "--quiet".into()])
        );
        assert_eq!(fixture.context, dir.canonicalize().unwrap());
        std::fs::write(fixture_dir.join("fixture.toml"), "expect = \"x\"\n").unwrap();
        assert!(load(&fixture_dir).unwrap_err().contains("`port`"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn every_fixture_in_the_repository_loads() {
        let root = crate::run::root().join("tests/builds");
        let fixtures = load_all(&root).unwrap();
        assert!(
            fixtures.len() >= 40,
            "only {} fixtures under tests/builds",
            fixtures.len()
        );
        assert!(
            fixtures.iter().any(|f| f.ci),
            "no fixture is marked ci = true"
        );
    }
}
