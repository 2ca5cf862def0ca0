//! What a stage's image holds as its instructions run, for fixes that must not break it: the tools later
//! instructions use (whether the image has a shell is `stage_facts`'s `shell`). Fixes see the stage after earlier fixes because
//! the fix engine re-lints (and so rebuilds this model) every round.

use super::{Base, InstructionInfo, Model};
use dockwise_syntax::shell::ShellCommand;
use dockwise_syntax::{Body, Command, Keyword};

/// Programs that compile or build native code (they need compilers and headers in the image).
pub const BUILD_TOOLS: &[&str] = &[
    "pip",
    "pip3",
    "npm",
    "yarn",
    "pnpm",
    "make",
    "cmake",
    "gcc",
    "cc",
    "g++",
    "c++",
    "clang",
    "cargo",
    "go",
    "gem",
    "bundle",
    "node-gyp",
    "configure",
    "meson",
    "ninja",
    "poetry",
    "uv",
    "pipenv",
    "python",
    "python3",
];

/// Programs that only the full images of a language ship, not their `-slim` variants.
pub const FULL_IMAGE_TOOLS: &[&str] = &[
    "git", "curl", "wget", "gcc", "cc", "g++", "c++", "make", "cmake", "ssh", "svn", "hg", "patch",
    "file", "unzip", "bzr",
];

/// The program a command runs, wrappers (`sudo`, `env`, `eatmydata`...) removed, without its directory.
pub fn program(cmd: &ShellCommand) -> Option<&str> {
    cmd.unwrapped()
        .first()
        .map(|w| w.value.rsplit('/').next().unwrap_or(&w.value))
}

/// The stages that build on `stage` (`FROM stage`), directly or not, `stage` included.
pub fn descendants(model: &Model, stage: usize) -> Vec<usize> {
    let mut found = vec![stage];
    for s in &model.stages {
        if let Base::Stage(parent) = s.base {
            if found.contains(&parent) && !found.contains(&s.index) {
                found.push(s.index);
            }
        }
    }
    found
}

/// The first `RUN` after `info` (in its stage or a stage built on it) that runs one of `programs`, with the
/// program it runs.
pub fn later_run_using<'m, 'a>(
    model: &'m Model<'a>,
    info: &InstructionInfo,
    programs: &[&str],
) -> Option<(&'m InstructionInfo<'a>, String)> {
    later_runs(model, info).find_map(|i| runs_one_of(i, programs).map(|p| (i, p.to_string())))
}

/// The first of `programs` a `RUN` runs: in its shell script, or as the program of its exec form (where a shell
/// such as `["sh", "-c", "..."]` counts as running any of them: its script is not read here).
pub fn runs_one_of<'i>(info: &'i InstructionInfo, programs: &[&'i str]) -> Option<&'i str> {
    if let Body::Command(Command::Exec(exec)) = &info.node.body {
        let first = exec.elements.first()?.value.as_str();
        let name = first.rsplit('/').next().unwrap_or(first);
        let shell = matches!(name, "sh" | "bash" | "ash" | "dash");
        return programs.iter().copied().find(|p| *p == name || shell);
    }
    info.commands()
        .filter_map(program)
        .find(|p| programs.contains(p))
}

/// The `RUN`s after `info`, in its stage and in the stages built on it: what sees the files it leaves.
pub fn later_runs<'m, 'a>(
    model: &'m Model<'a>,
    info: &InstructionInfo,
) -> impl Iterator<Item = &'m InstructionInfo<'a>> + 'm {
    let stages = info
        .stage
        .map(|s| descendants(model, s))
        .unwrap_or_default();
    model
        .instructions
        .get(info.index + 1..)
        .unwrap_or(&[])
        .iter()
        .filter(move |i| i.kind() == Keyword::Run && i.stage.is_some_and(|s| stages.contains(&s)))
}

/// Every `apk add --virtual` (`-t`) group name used in the file.
pub fn apk_virtual_names(model: &Model) -> Vec<String> {
    let mut names = Vec::new();
    for c in model.instructions.iter().flat_map(|i| i.commands()) {
        if program(c) != Some("apk") {
            continue;
        }
        let args = c.unwrapped();
        for (k, w) in args.iter().enumerate() {
            let name = match w.value.strip_prefix("--virtual=") {
                Some(n) => Some(n.to_string()),
                None if w.value == "--virtual" || w.value == "-t" => {
                    args.get(k + 1).map(|n| n.value.clone())
                }
                None => None,
            };
            names.extend(name);
        }
    }
    names
}

/// A group name starting with `wanted` that `taken` does not hold (`.build-deps`, `.build-deps-2`...).
pub fn unique_name(wanted: &str, taken: &[String]) -> String {
    let mut candidate = wanted.to_string();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{wanted}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_skip_taken_ones() {
        assert_eq!(unique_name(".build-deps", &[]), ".build-deps");
        let taken = vec![".build-deps".to_string(), ".build-deps-2".to_string()];
        assert_eq!(unique_name(".build-deps", &taken), ".build-deps-3");
    }

    #[test]
    fn later_runs_are_found_through_wrappers_and_child_stages() {
        let src =
            "FROM alpine AS base\nRUN apk add gcc\nRUN echo hi\nFROM base\nRUN sudo -E make\n";
        let (file, errors) = dockwise_syntax::parse(src);
        let model = Model::new(src, &file, &errors);
        let first = &model.instructions[1];
        let (run, tool) = later_run_using(&model, first, &["make"]).unwrap();
        assert_eq!((run.index, tool.as_str()), (4, "make"));
        assert!(later_run_using(&model, first, &["pip"]).is_none());
    }
}
