//! `dockwise generate DIR` (what `cargo xtask completions` runs): the man page lists every subcommand that
//! `dockwise --help` lists, and every page it refers to is written.

mod common;

use common::{run_in, TempDir};

/// The subcommands `dockwise --help` lists (clap's own `help` left out).
fn subcommands_in_help(dir: &std::path::Path) -> Vec<String> {
    let help = run_in(dir, &["--help"], None).stdout;
    let section = help
        .split("Commands:\n")
        .nth(1)
        .expect("--help has a Commands section");
    section
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn the_man_pages_cover_every_subcommand_and_every_page_they_name_exists() {
    let dir = TempDir::new();
    let run = run_in(dir.path(), &["generate", "out"], None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = dir.path().join("out");
    let commands = subcommands_in_help(dir.path());
    assert!(commands.len() >= 6, "{commands:?}");
    let main_page = std::fs::read_to_string(out.join("dockwise.1")).unwrap();
    for name in &commands {
        assert!(
            main_page.contains(&format!("dockwise\\-{name}(1)")),
            "dockwise.1 lists `{name}`:\n{main_page}"
        );
    }
    // Each page a reference names (`dockwise\-check(1)`) is written beside dockwise.1.
    let mut checked = 0;
    for entry in std::fs::read_dir(&out).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".1") {
            continue;
        }
        let page = std::fs::read_to_string(entry.path()).unwrap();
        for reference in page.split("dockwise\\-").skip(1) {
            let Some((sub, _)) = reference.split_once("(1)") else {
                continue;
            };
            let file = format!("dockwise-{}.1", sub.replace("\\-", "-"));
            assert!(
                out.join(&file).is_file(),
                "{name} refers to {file}, which is not written"
            );
            checked += 1;
        }
    }
    assert!(checked >= commands.len(), "{checked} references checked");
}
