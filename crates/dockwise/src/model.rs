//! The semantic model: what the Dockerfile means, computed once and read by every rule.
//!
//! Stages with their resolved base image, distro family and final flag; for each instruction its stage, the
//! `USER`/`WORKDIR`/`SHELL` in force and the variables in scope; `RUN` scripts split into shell commands.

mod distro;
mod image;
mod runtime;
mod script_memo;
mod stage_facts;
pub mod stage_image;
mod users;
mod vars;

pub use distro::Distro;
pub use image::ImageName;
pub use runtime::{
    is_literal_port, is_loopback, is_python, launches, launches_of, server, split_host_port,
    Launch, Server, ServerKind, Setting,
};
pub use script_memo::ScriptMemo;
pub use stage_facts::{
    debian_codename, debian_python, debian_release, glibc_version, image_facts, stage_facts,
    stage_label, ImageUser, Language, Libc, Os, Runtime, StageFacts,
};
pub use users::{
    image_user_id, is_image_user, is_numeric_id, user_instructions, Accounts, CreatedGroup,
    CreatedUser,
};
pub use vars::{expand, Scope, VarKind};
use vars::{expand_with, At, Scopes};

use dockwise_syntax::shell::{self, Script};
use dockwise_syntax::{
    Body, Command, Dockerfile, Instruction, Item, Keyword, LineIndex, LogicalText, Span,
    SyntaxError,
};

/// The model of one Dockerfile. Borrowed from the parse; cheap to build (linear).
pub struct Model<'a> {
    pub source: &'a str,
    pub file: &'a Dockerfile,
    pub syntax_errors: &'a [SyntaxError],
    pub lines: LineIndex,
    /// Every top-level instruction in order.
    pub instructions: Vec<InstructionInfo<'a>>,
    pub stages: Vec<Stage>,
    /// `ARG`s declared before the first `FROM` (name, default).
    pub global_args: Vec<(String, Option<String>)>,
    /// Each stage name (ASCII-lowercased) with the first stage that bears it: [`Model::stage_named`] in constant
    /// time, so rules that resolve a reference per instruction stay linear.
    stage_names: std::collections::HashMap<String, usize>,
}

/// How the stage's `RUN` commands are interpreted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellKind {
    /// `/bin/sh -c` or another POSIX shell (bash, ash, dash, zsh).
    Posix { program: String, pipefail: bool },
    /// PowerShell, cmd.exe or anything else: shell rules stay quiet.
    Other(String),
}

impl ShellKind {
    pub fn is_posix(&self) -> bool {
        matches!(self, ShellKind::Posix { .. })
    }
}

/// One instruction with its context.
pub struct InstructionInfo<'a> {
    pub node: &'a Instruction,
    /// Position in [`Model::instructions`].
    pub index: usize,
    /// The stage it belongs to; `None` for `ARG`s (and anything) before the first `FROM`.
    pub stage: Option<usize>,
    /// `USER` in force when it runs (`None`: the base image's default, usually root).
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub shell: ShellKind,
    /// Shell scripts of a `RUN` (shell form and heredoc bodies) or a shell-form `CMD`/`ENTRYPOINT`.
    pub scripts: Vec<Script>,
    /// Variables visible here (`ARG`s and `ENV`s of the stage, with values when known).
    pub scope: Scope,
}

impl InstructionInfo<'_> {
    pub fn kind(&self) -> Keyword {
        self.node.kind
    }

    /// Every shell command of this instruction, in order (empty for non-shell instructions).
    pub fn commands(&self) -> impl Iterator<Item = &shell::ShellCommand> {
        self.scripts.iter().flat_map(|s| s.commands.iter())
    }
}

/// What a stage is built on.
#[derive(Clone, Debug, PartialEq)]
pub enum Base {
    /// A registry image, resolved through `ARG` defaults.
    Image(ImageName),
    /// An earlier stage of this file.
    Stage(usize),
    Scratch,
    /// The reference still holds variables that no default resolves.
    Unresolved(String),
}

/// One build stage: a `FROM` and what follows it.
#[derive(Clone, Debug)]
pub struct Stage {
    pub index: usize,
    /// Index of its `FROM` in [`Model::instructions`].
    pub from: usize,
    /// Index one past its last instruction.
    pub end: usize,
    pub name: Option<String>,
    /// The image reference as written.
    pub base_text: String,
    /// The reference after `ARG` defaults are substituted.
    pub base_resolved: String,
    pub base: Base,
    pub distro: Distro,
    /// The last stage: what `docker build` produces without `--target`.
    pub is_final: bool,
    /// Another stage copies from it or builds on it.
    pub used_by_later_stage: bool,
    /// Variables in scope after its last instruction (what the container starts with, for `ENV`).
    pub end_scope: Scope,
    /// `USER` in force after its last instruction.
    pub end_user: Option<String>,
    /// `WORKDIR` and `SHELL` in force after its last instruction (a stage built on this one starts with them).
    pub end_workdir: Option<String>,
    pub end_shell: ShellKind,
}

impl Stage {
    /// Instruction indices of this stage, `FROM` included.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.from..self.end
    }
}

impl<'a> Model<'a> {
    pub fn new(
        source: &'a str,
        file: &'a Dockerfile,
        syntax_errors: &'a [SyntaxError],
    ) -> Model<'a> {
        Model::reusing(source, file, syntax_errors, ScriptMemo::default())
    }

    /// [`Model::new`], taking the shell scripts whose text is unchanged from `memo` (an earlier version's
    /// [`Model::script_memo`]) instead of parsing them again.
    pub fn reusing(
        source: &'a str,
        file: &'a Dockerfile,
        syntax_errors: &'a [SyntaxError],
        mut memo: ScriptMemo,
    ) -> Model<'a> {
        crate::analysis::counts::modelled();
        let nodes: Vec<&Instruction> = file
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Instruction(i) => Some(i),
                _ => None,
            })
            .collect();
        let mut model = Model {
            source,
            file,
            syntax_errors,
            lines: LineIndex::new(source),
            instructions: Vec::with_capacity(nodes.len()),
            stages: Vec::new(),
            global_args: Vec::new(),
            stage_names: std::collections::HashMap::new(),
        };
        model.build(&nodes, &mut memo);
        model
    }

    /// This version's shell scripts, for the model of the next version ([`Model::reusing`]).
    pub fn script_memo(&self) -> ScriptMemo {
        let mut memo = ScriptMemo::default();
        for info in &self.instructions {
            let texts = script_texts(self.source, info.node, &info.shell);
            for (text, script) in texts.iter().zip(&info.scripts) {
                memo.keep(text, script.clone());
            }
        }
        memo
    }

    fn build(&mut self, nodes: &[&'a Instruction], memo: &mut ScriptMemo) {
        // Scopes are built as positions in one shared log and turned into `Scope`s at the end.
        let mut scopes = Scopes::default();
        let mut scope = scopes.empty();
        let mut instruction_scopes: Vec<At> = Vec::with_capacity(nodes.len());
        let mut stage_end_scopes: Vec<At> = Vec::new();
        let mut user: Option<String> = None;
        let mut workdir: Option<String> = None;
        let start_shell = pragma_shell(self.source).unwrap_or_else(default_shell);
        let mut shell = start_shell.clone();
        let mut stage: Option<usize> = None;

        for (index, node) in nodes.iter().copied().enumerate() {
            if let (Body::From(from), Keyword::From) = (&node.body, node.kind) {
                if let Some(s) = stage {
                    self.stages[s].end = index;
                    stage_end_scopes[s] = scope;
                    self.stages[s].end_user = user.clone();
                    self.stages[s].end_workdir = workdir.clone();
                    self.stages[s].end_shell = shell.clone();
                }
                let base_text = from.image.value.clone();
                let global = Scope::from_args(&self.global_args);
                let base_resolved = expand(&base_text, &global);
                let base = self.classify_base(&base_resolved);
                let parent_stage = match &base {
                    Base::Stage(parent) => Some(*parent),
                    _ => None,
                };
                let inherited = parent_stage.map(|parent| self.stages[parent].clone());
                let distro = match (&base, &inherited) {
                    (_, Some(parent)) => parent.distro,
                    (Base::Image(image), _) => Distro::of_image(image),
                    (Base::Scratch, _) => Distro::Scratch,
                    (Base::Unresolved(_) | Base::Stage(_), _) => Distro::Unknown,
                };
                let index_of_stage = self.stages.len();
                if let Some(name) = &from.stage_name {
                    self.stage_names
                        .entry(name.value.to_ascii_lowercase())
                        .or_insert(index_of_stage);
                }
                self.stages.push(Stage {
                    index: index_of_stage,
                    from: index,
                    end: nodes.len(),
                    name: from.stage_name.as_ref().map(|w| w.value.clone()),
                    base_text,
                    base_resolved,
                    base,
                    distro,
                    is_final: false,
                    used_by_later_stage: false,
                    end_scope: Scope::default(),
                    end_user: None,
                    end_workdir: None,
                    end_shell: default_shell(),
                });
                stage = Some(index_of_stage);
                stage_end_scopes.push(scope);
                // A stage starts from its base's settings; an earlier stage passes on USER and SHELL.
                scope = match parent_stage {
                    Some(parent) => scopes.inherit(stage_end_scopes[parent]),
                    None => scopes.empty(),
                };
                user = None;
                workdir = None;
                shell = start_shell.clone();
                if let Some(parent) = inherited {
                    user = parent.end_user.clone();
                    workdir = parent.end_workdir.clone();
                    shell = parent.end_shell.clone();
                }
            }

            let scripts = scripts_of(self.source, node, &shell, memo);
            self.instructions.push(InstructionInfo {
                node,
                index,
                stage,
                user: user.clone(),
                workdir: workdir.clone(),
                shell: shell.clone(),
                scripts,
                scope: Scope::default(),
            });
            instruction_scopes.push(scope);

            // Effects on what follows.
            match (node.kind, &node.body) {
                (Keyword::Arg, Body::KeyValues(pairs)) => {
                    for pair in pairs {
                        let value = pair
                            .value
                            .as_ref()
                            .map(|v| expand_with(&v.value, &|n| scopes.get(scope, n)));
                        if stage.is_none() {
                            self.global_args
                                .push((pair.key.value.clone(), value.clone()));
                        }
                        scopes.declare_arg(&mut scope, &pair.key.value, value, &self.global_args);
                    }
                }
                (Keyword::Env, Body::KeyValues(pairs)) => {
                    for pair in pairs {
                        let value = pair
                            .value
                            .as_ref()
                            .map(|v| expand_with(&v.value, &|n| scopes.get(scope, n)));
                        scopes.set(&mut scope, &pair.key.value, value);
                    }
                }
                (Keyword::User, Body::Words(words)) => {
                    if let Some(w) = words.first() {
                        user = Some(expand_with(&w.value, &|n| scopes.get(scope, n)));
                    }
                }
                (Keyword::Workdir, Body::Words(words)) => {
                    if let Some(w) = words.first() {
                        let dir = expand_with(&w.value, &|n| scopes.get(scope, n));
                        workdir = Some(match (&workdir, dir.starts_with('/')) {
                            (Some(base), false) => {
                                format!("{}/{}", base.trim_end_matches('/'), dir)
                            }
                            _ => dir,
                        });
                    }
                }
                (Keyword::Shell, Body::Command(Command::Exec(exec))) => {
                    let words: Vec<&str> = exec.elements.iter().map(|w| w.value.as_str()).collect();
                    shell = shell_kind(&words);
                }
                (Keyword::Run, _) if stage.is_some() => {
                    if let Some(s) = stage {
                        if self.stages[s].distro == Distro::Unknown {
                            self.stages[s].distro =
                                Distro::from_commands(self.instructions[index].commands());
                        }
                    }
                }
                _ => {}
            }
        }

        if let Some(last) = self.stages.last_mut() {
            last.is_final = true;
            last.end_user = user;
            last.end_workdir = workdir;
            last.end_shell = shell;
        }
        if let Some(last) = stage_end_scopes.last_mut() {
            *last = scope;
        }
        let frozen = scopes.finish();
        for (info, at) in self.instructions.iter_mut().zip(instruction_scopes) {
            info.scope = frozen.scope(at);
        }
        for (stage, at) in self.stages.iter_mut().zip(stage_end_scopes) {
            stage.end_scope = frozen.scope(at);
        }
        self.mark_used_stages();
    }

    fn classify_base(&self, resolved: &str) -> Base {
        if resolved.eq_ignore_ascii_case("scratch") {
            return Base::Scratch;
        }
        if let Some(stage) = self.stage_named(resolved) {
            return Base::Stage(stage);
        }
        if resolved.contains('$') || resolved.is_empty() {
            return Base::Unresolved(resolved.to_string());
        }
        Base::Image(ImageName::parse(resolved))
    }

    fn mark_used_stages(&mut self) {
        let mut used = vec![false; self.stages.len()];
        for info in &self.instructions {
            if let Some(from) = info.node.flag("from").and_then(|f| f.value.as_ref()) {
                if let Some(s) = self.stage_named(&from.value) {
                    used[s] = true;
                }
            }
            for mount in info.node.flags.iter().filter(|f| f.name_text == "mount") {
                if let Some(value) = &mount.value {
                    for part in value.value.split(',') {
                        if let Some(name) = part.strip_prefix("from=") {
                            if let Some(s) = self.stage_named(name) {
                                used[s] = true;
                            }
                        }
                    }
                }
            }
        }
        for stage in &self.stages {
            if let Base::Stage(parent) = stage.base {
                used[parent] = true;
            }
        }
        for (stage, used) in self.stages.iter_mut().zip(used) {
            stage.used_by_later_stage = used;
        }
    }

    /// The stage a `--from=`/`FROM` reference names: a stage name (case-insensitive) or an index.
    pub fn stage_named(&self, reference: &str) -> Option<usize> {
        self.first_stage_with_name(reference).or_else(|| {
            reference
                .parse::<usize>()
                .ok()
                .filter(|&i| i < self.stages.len())
        })
    }

    /// The first stage named `name` (case-insensitive), in constant time.
    pub fn first_stage_with_name(&self, name: &str) -> Option<usize> {
        match self.stage_names.get(name) {
            Some(&index) => Some(index),
            None if name.bytes().any(|b| b.is_ascii_uppercase()) => {
                self.stage_names.get(&name.to_ascii_lowercase()).copied()
            }
            None => None,
        }
    }

    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// `stage` and the stages it is built on (`FROM earlier-stage`), nearest first. A stage can build only on an
    /// earlier one (a name is known once its `FROM` is read), so the walk ends; it stops at a base that is not a
    /// stage. The one walk of a stage's ancestry: users, image facts, the estimate and exercise checks use it.
    pub fn stage_chain<'m>(&'m self, stage: &'m Stage) -> impl Iterator<Item = &'m Stage> + 'm {
        let mut next = Some(stage);
        std::iter::from_fn(move || {
            let current = next?;
            next = match current.base {
                Base::Stage(parent) if parent < current.index => self.stages.get(parent),
                _ => None,
            };
            Some(current)
        })
    }

    /// The first stage of `stage`'s chain: the one built on an image (or scratch) rather than on another stage.
    pub fn root_stage<'m>(&'m self, stage: &'m Stage) -> &'m Stage {
        self.stage_chain(stage).last().unwrap_or(stage)
    }

    /// The image (or scratch) a stage finally rests on, through `FROM earlier-stage`.
    pub fn root_base<'m>(&'m self, stage: &'m Stage) -> &'m Base {
        &self.root_stage(stage).base
    }

    /// The instructions of a stage, `FROM` included.
    pub fn stage_instructions(&self, stage: &Stage) -> &[InstructionInfo<'a>] {
        self.instructions.get(stage.range()).unwrap_or(&[])
    }

    pub fn text(&self, span: Span) -> &'a str {
        span.text(self.source)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_col(self.source, offset).line
    }
}

/// hadolint's `# hadolint shell=powershell` (also `# dockwise: shell=...`): the shell the file's `RUN`s are
/// written for when no `SHELL` says so, e.g. a Windows image whose base sets PowerShell.
fn pragma_shell(source: &str) -> Option<ShellKind> {
    source.lines().find_map(|line| {
        let comment = line.trim_start().strip_prefix('#')?.trim_start();
        let rest = comment
            .strip_prefix("hadolint")
            .or_else(|| comment.strip_prefix("dockwise:"))?;
        let program = rest
            .trim_start()
            .strip_prefix("shell=")?
            .split_whitespace()
            .next()?;
        Some(shell_kind(&[program]))
    })
}

fn default_shell() -> ShellKind {
    ShellKind::Posix {
        program: "/bin/sh".to_string(),
        pipefail: false,
    }
}

/// Interpret `SHELL ["bash", "-o", "pipefail", "-c"]`.
pub fn shell_kind(words: &[&str]) -> ShellKind {
    let program = words.first().copied().unwrap_or("");
    let base = program
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let base = base.trim_end_matches(".exe");
    match base {
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh" | "mksh" | "busybox" => ShellKind::Posix {
            program: program.to_string(),
            // `-o pipefail`, or a flag cluster ending in `o` such as `-eo pipefail`.
            pipefail: words
                .windows(2)
                .any(|w| w[1] == "pipefail" && w[0].starts_with('-') && w[0].ends_with('o')),
        },
        _ => ShellKind::Other(program.to_string()),
    }
}

/// The texts of the shell scripts an instruction runs (shell form, then heredoc bodies); empty for non-POSIX
/// shells and non-shell instructions.
fn script_texts(source: &str, node: &Instruction, shell: &ShellKind) -> Vec<LogicalText> {
    if !shell.is_posix() {
        return Vec::new();
    }
    // `ONBUILD RUN ...` runs in images built FROM this one: its script is read like any RUN.
    if let Body::Onbuild(inner) = &node.body {
        return script_texts(source, inner, shell);
    }
    let command = match &node.body {
        Body::Command(c)
            if matches!(node.kind, Keyword::Run | Keyword::Cmd | Keyword::Entrypoint) =>
        {
            c
        }
        _ => return Vec::new(),
    };
    let mut texts = Vec::new();
    if let Command::Shell(text) = command {
        texts.push(text.clone());
    }
    if node.kind == Keyword::Run {
        // As `shell::parse_heredoc_script` reads a body.
        texts.extend(node.heredocs.iter().map(|h| {
            LogicalText::from_plain(source.get(h.body.range()).unwrap_or(""), h.body.start)
        }));
    }
    texts
}

/// The shell scripts an instruction runs, parsed (or moved from `memo`).
fn scripts_of(
    source: &str,
    node: &Instruction,
    shell: &ShellKind,
    memo: &mut ScriptMemo,
) -> Vec<Script> {
    script_texts(source, node, shell)
        .iter()
        .map(|text| memo.parse(text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_model<T>(source: &str, f: impl FnOnce(&Model) -> T) -> T {
        let (file, errors) = dockwise_syntax::parse(source);
        f(&Model::new(source, &file, &errors))
    }

    #[test]
    fn a_stage_built_on_another_inherits_its_final_workdir_shell_user_and_env() {
        let src = "FROM alpine AS base\nENV A=1\nUSER app\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nWORKDIR /srv\n\
                   FROM base\nRUN true\n";
        with_model(src, |m| {
            let run = m.instructions.last().unwrap();
            assert_eq!(run.workdir.as_deref(), Some("/srv"));
            assert_eq!(run.user.as_deref(), Some("app"));
            assert_eq!(run.scope.get("A"), Some("1"));
            assert!(matches!(
                &run.shell,
                ShellKind::Posix { pipefail: true, .. }
            ));
            assert_eq!(m.stages[1].distro, Distro::Alpine);
        });
    }

    #[test]
    fn sibling_stages_on_one_base_see_its_variables_but_not_each_others() {
        let src = "FROM alpine AS base\nENV A=1\nFROM base AS one\nENV B=2\nRUN one\n\
                   FROM base AS two\nENV A=3\nRUN two\nFROM one\nRUN three\n";
        with_model(src, |m| {
            let run = |i: usize| &m.instructions[i].scope;
            assert_eq!((run(4).get("A"), run(4).get("B")), (Some("1"), Some("2")));
            assert_eq!((run(7).get("A"), run(7).get("B")), (Some("3"), None));
            assert_eq!((run(9).get("A"), run(9).get("B")), (Some("1"), Some("2")));
            assert_eq!(m.stages[0].end_scope.names().collect::<Vec<_>>(), ["A"]);
            assert_eq!(run(7).names().collect::<Vec<_>>(), ["A"]);
            // A rule's own copy can change without touching the model's.
            let mut copy = run(4).clone();
            copy.set("A", Some("x".into()));
            assert_eq!((copy.get("A"), run(4).get("A")), (Some("x"), Some("1")));
            assert_eq!(copy.names().collect::<Vec<_>>(), ["B", "A"]);
        });
    }

    #[test]
    fn scopes_of_a_long_file_share_one_log_instead_of_a_copy_each() {
        // The quadratic cliff: 2,000 ENV lines once stored 2,000 x 2,000 / 2 bindings. Count what is stored.
        let mut src = String::from("FROM alpine\n");
        for i in 0..2000 {
            src.push_str(&format!("ENV V{i}=x\n"));
        }
        with_model(&src, |m| {
            let scopes = m.instructions.iter().map(|i| &i.scope);
            let ends = m.stages.iter().map(|s| &s.end_scope);
            assert_eq!(Scope::stored_bindings(scopes.chain(ends)), 2000);
            // An instruction sees what came before it, not its own ENV.
            let last = &m.instructions[2000].scope;
            assert_eq!((last.get("V1998"), last.get("V1999")), (Some("x"), None));
            assert_eq!(m.stages[0].end_scope.get("V1999"), Some("x"));
            assert_eq!(m.instructions[1000].scope.get("V1000"), None);
        });
    }

    #[test]
    fn a_stage_chain_walks_to_the_image_through_earlier_stages_only() {
        // `FROM app` names a later stage: an image reference, not a stage (BuildKit reads it so too).
        let src = "FROM debian:12 AS base\nFROM base AS build\nFROM scratch AS lone\nFROM build AS app\nFROM app\n";
        with_model(src, |m| {
            let chain = |s: usize| {
                m.stage_chain(&m.stages[s])
                    .map(|s| s.index)
                    .collect::<Vec<_>>()
            };
            assert_eq!(chain(3), [3, 1, 0]);
            assert_eq!(chain(2), [2]);
            assert_eq!(chain(4), [4, 3, 1, 0]);
            assert!(
                matches!(m.root_base(&m.stages[3]), Base::Image(i) if i.repository() == "debian")
            );
            assert_eq!(m.root_base(&m.stages[2]), &Base::Scratch);
        });
        with_model("FROM later AS first\nFROM alpine AS later\n", |m| {
            assert_eq!(m.stage_chain(&m.stages[0]).count(), 1);
            assert!(matches!(m.root_base(&m.stages[0]), Base::Image(_)));
        });
    }

    #[test]
    fn stage_references_find_the_first_stage_of_a_name_in_any_case_or_an_index() {
        let src = "FROM alpine AS Build\nFROM alpine AS other\nFROM alpine AS build\nFROM BUILD\n";
        with_model(src, |m| {
            for name in ["build", "Build", "BUILD"] {
                assert_eq!(m.stage_named(name), Some(0));
            }
            assert_eq!(m.stage_named("other"), Some(1));
            assert_eq!(m.stage_named("2"), Some(2));
            assert_eq!((m.stage_named("4"), m.stage_named("missing")), (None, None));
            assert_eq!(m.stages[3].base, Base::Stage(0));
        });
        // A FROM names only earlier stages: its own name, or a later stage's, is an image.
        with_model("FROM later AS first\nFROM alpine AS later\n", |m| {
            assert!(matches!(m.stages[0].base, Base::Image(_)));
        });
    }

    #[test]
    fn from_resolves_global_arg_defaults_and_stage_references() {
        let src = "ARG BASE=python:3.12-slim\nFROM ${BASE} AS build\nFROM build\nFROM scratch\n";
        with_model(src, |m| {
            assert_eq!(m.stages[0].base_resolved, "python:3.12-slim");
            assert_eq!(m.stages[0].distro, Distro::Debian);
            assert_eq!(m.stages[1].base, Base::Stage(0));
            assert_eq!(m.stages[2].base, Base::Scratch);
            assert!(m.stages[0].used_by_later_stage && m.stages[2].is_final);
        });
    }

    #[test]
    fn onbuild_run_scripts_are_split_into_commands() {
        with_model("FROM alpine\nONBUILD RUN apk add curl && echo $X\n", |m| {
            let names: Vec<_> = m.instructions[1]
                .commands()
                .filter_map(|c| c.name())
                .collect();
            assert_eq!(names, ["apk", "echo"]);
        });
    }

    #[test]
    fn a_shell_pragma_sets_the_default_shell() {
        let src =
            "# hadolint shell=powershell\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n\
                   RUN Get-ChildItem | Out-Null\nFROM debian:12 AS b\nRUN apt-get update\n";
        with_model(src, |m| {
            assert!(m.instructions.iter().all(|i| i.scripts.is_empty()));
            assert!(!m.instructions[1].shell.is_posix());
        });
        with_model(
            "# dockwise: shell=bash\nFROM debian:12\nRUN echo hi\n",
            |m| {
                assert!(m.instructions[1].shell.is_posix());
                assert!(!m.instructions[1].scripts.is_empty());
            },
        );
    }

    #[test]
    fn relative_workdirs_join_and_non_posix_shells_have_no_scripts() {
        let src = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR /a\nWORKDIR b\n\
                   SHELL [\"powershell\", \"-Command\"]\nRUN Get-ChildItem | Out-Null\n";
        with_model(src, |m| {
            let run = m.instructions.last().unwrap();
            assert_eq!(run.workdir.as_deref(), Some("/a/b"));
            assert!(!run.shell.is_posix());
            assert!(run.scripts.is_empty());
        });
    }
}
