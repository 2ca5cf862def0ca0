//! Development settings (`FLASK_ENV=development`, `NODE_ENV=development`, `DEBUG=True`...) in the runtime image.

use crate::model::{expand, launches, VarKind};
use crate::rules::common::package_json;
use crate::rules::common::stages::builds_other_images;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1015",
    name: "development-settings",
    category: Category::Runtime,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it changes how the app behaves at run time (`NODE_ENV`/`RAILS_ENV` become `production`, debug \
         flags become off). `FLASK_ENV` was removed in Flask 2.3, so `FLASK_ENV=development` becomes \
         `FLASK_DEBUG=0`, which every Flask since 1.0 reads. A missing `NODE_ENV` is set before the dependency \
         install when nothing after the install runs a package script (npm then leaves out devDependencies: \
         smaller and safer), else just before the command. Offered only when the production value is obvious; \
         `APP_ENV` (spelled `prod` by Symfony, `production` by Laravel) gets advice only."
    )),
    docs: rule_docs! {
        what: "Flags an `ENV` in the final stage that leaves the app in development mode: `FLASK_ENV=development`, \
               `FLASK_DEBUG=1`, `DEBUG=True`, `DJANGO_DEBUG=1`, `APP_DEBUG=true`, `NODE_ENV` other than \
               `production`, `RAILS_ENV`/`RACK_ENV=development`, `APP_ENV=dev`, \
               `ASPNETCORE_ENVIRONMENT=Development`, `GIN_MODE=debug`; and a final stage on the node image that \
               starts the app (`node app.js`, `npm start`) without setting `NODE_ENV` at all.",
        why: "Development mode turns on debuggers that run code sent by the browser (Werkzeug's debugger), detailed \
              error pages that leak settings and source, auto-reload, and unoptimised code paths (`NODE_ENV` \
              makes Express and React several times slower and installs dev dependencies).",
        example: "FROM python:3.12-slim\nENV FLASK_ENV=development\nCOPY . /app\n\
                  CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:5000\", \"app:app\"]\n",
        fixed: "FROM python:3.12-slim\nENV FLASK_DEBUG=0\nCOPY . /app\n\
                CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:5000\", \"app:app\"]\n",
        differences: "Stages that only build (not the final one) are not checked: `NODE_ENV=development` in a \
                      builder that installs dev dependencies is fine.",
    },
    check,
    ..Rule::DEFAULTS
};

/// (variable, is it a development value?, production value to offer)
fn judge(key: &str, value: &str) -> Option<Option<String>> {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    let truthy = matches!(lower.as_str(), "1" | "true" | "yes" | "on");
    let off = |v: &str| -> String {
        match v {
            "1" => "0",
            "True" => "False",
            "TRUE" => "FALSE",
            "true" => "false",
            "yes" => "no",
            "on" => "off",
            _ => "0",
        }
        .to_string()
    };
    match key {
        "FLASK_ENV" if lower == "development" => Some(Some("production".into())),
        "FLASK_DEBUG" | "DEBUG" | "DJANGO_DEBUG" | "APP_DEBUG" if truthy => Some(Some(off(v))),
        "NODE_ENV" if !v.is_empty() && lower != "production" => Some(Some("production".into())),
        "RAILS_ENV" | "RACK_ENV" if matches!(lower.as_str(), "development" | "test") => {
            Some(Some("production".into()))
        }
        "APP_ENV" if matches!(lower.as_str(), "dev" | "development" | "local") => Some(None),
        "ASPNETCORE_ENVIRONMENT" | "DOTNET_ENVIRONMENT" if lower == "development" => {
            Some(Some("Production".into()))
        }
        "GIN_MODE" if lower == "debug" => Some(Some("release".into())),
        _ => None,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_env(ctx, out);
    check_node_env_unset(ctx, out);
}

fn check_env(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let scope = &stage.end_scope;
    // The ENV pairs of the final stage (and the stages it builds on), last setting of each key wins.
    let mut chain = vec![stage];
    while let Some(Base::Stage(p)) = chain.last().map(|s| &s.base) {
        match ctx.stages.get(*p) {
            Some(parent)
                if parent.index < chain.last().map_or(0, |s| s.index) && chain.len() < 64 =>
            {
                chain.push(parent)
            }
            _ => break,
        }
    }
    let mut last: Vec<(&str, &InstructionInfo, &dockwise_syntax::KeyValue)> = Vec::new();
    for s in chain.iter().rev() {
        for info in ctx
            .stage_instructions(s)
            .iter()
            .filter(|i| i.kind() == Keyword::Env)
        {
            if let Body::KeyValues(pairs) = &info.node.body {
                for pair in pairs {
                    last.push((pair.key.value.as_str(), info, pair));
                }
            }
        }
    }
    // Keep each key's last setting, in order (one pass: a retain per pair was quadratic in long files).
    let mut seen = std::collections::HashSet::new();
    last.reverse();
    last.retain(|(k, _, _)| seen.insert(*k));
    last.reverse();
    for (key, info, pair) in last {
        let Some(value_word) = &pair.value else {
            continue;
        };
        let value = expand(&value_word.value, &info.scope);
        if value.contains('$') || scope.get(key) != Some(value.as_str()) {
            continue;
        }
        let Some(production) = judge(key, &value) else {
            continue;
        };
        if key == "FLASK_ENV" {
            out.push(flask_env(ctx, pair, &value));
            continue;
        }
        let advice = match &production {
            Some(p) => format!("set `{key}={p}`"),
            None => format!("set `{key}` to your framework's production value"),
        };
        let mut d = Diagnostic::new(
            pair.span,
            format!(
                "`{key}={value}` leaves the app in development mode in the image that runs: debuggers, detailed \
                 error pages and slow development code paths reach production. In the final stage, {advice}."
            ),
        );
        let raw = ctx.text(value_word.span);
        let literal = !value_word.value.contains('$');
        if let (Some(p), true) = (production, literal) {
            if let Some(at) = raw
                .find(value_word.value.as_str())
                .filter(|_| !value_word.value.is_empty())
            {
                let span = Span::new(
                    value_word.span.start + at,
                    value_word.span.start + at + value_word.value.len(),
                );
                d = d.with_fix(
                    Fix::unsafe_(
                        format!("Set {key}={p}"),
                        vec![Edit::replace(span, p.clone())],
                    )
                    .explained(format!(
                        "The app starts with {key}={p}: production behaviour, no debugger."
                    )),
                );
            }
        }
        out.push(d);
    }
}

/// `FLASK_ENV=development`: Flask 2.3 removed `FLASK_ENV`; `FLASK_DEBUG` is what turns the debugger on or off.
fn flask_env(ctx: &Context, pair: &dockwise_syntax::KeyValue, value: &str) -> Diagnostic {
    let d = Diagnostic::new(
        pair.span,
        format!(
            "`FLASK_ENV={value}` asks for development mode (the Werkzeug debugger runs code sent by the browser), \
             and Flask 2.3 removed `FLASK_ENV` altogether. Set `FLASK_DEBUG=0` and serve the app with a \
             production server (gunicorn, waitress) rather than `flask run` or `app.run()`."
        ),
    );
    if !ctx.text(pair.span).starts_with("FLASK_ENV") {
        return d;
    }
    d.with_fix(
        Fix::unsafe_("Set FLASK_DEBUG=0 instead of FLASK_ENV", vec![Edit::replace(pair.span, "FLASK_DEBUG=0")])
            .explained(
                "`FLASK_ENV` (removed in Flask 2.3) gives way to `FLASK_DEBUG=0`: no debugger and no reloader, on \
                 every Flask version.",
            ),
    )
}

/// Where `ENV NODE_ENV=production` goes: before the stage's dependency install when nothing after it runs a
/// package script (which may need devDependencies), else before the command that starts the app. The context's
/// `package.json` may say the install or the start needs devDependencies too: install scripts
/// (`postinstall: prisma generate`), or a `start` script that runs one (`ts-node`).
fn node_env_position<'c>(
    ctx: &'c Context,
    stage: &Stage,
    launch: &'c InstructionInfo,
    script: Option<&str>,
) -> &'c InstructionInfo<'c> {
    if ctx.package_json().is_some_and(|p| {
        package_json::runs_install_scripts(p)
            || script.is_some_and(|s| package_json::script_needs_dev_dependencies(p, s))
    }) {
        return launch;
    }
    let infos = ctx.stage_instructions(stage);
    let installs = |c: &ShellCommand| {
        matches!(
            (c.program(), c.subcommand()),
            (Some("npm"), Some("ci" | "install" | "i")) | (Some("yarn"), None | Some("install"))
        )
    };
    let Some(install) = infos.iter().find(|i| {
        i.index < launch.index
            && i.commands()
                .any(|c| installs(c) && c.operands().count() <= 1)
    }) else {
        return launch;
    };
    let package_tool = |c: &ShellCommand| {
        matches!(c.program(), Some("npm" | "yarn" | "pnpm" | "npx" | "node"))
            && !installs(c)
            && c.subcommand() != Some("cache")
    };
    let runs_scripts_later = infos
        .iter()
        .filter(|i| i.index >= install.index && i.index < launch.index)
        .any(|i| i.commands().any(package_tool));
    if runs_scripts_later {
        launch
    } else {
        install
    }
}

/// A final stage on the official node image that starts the app (`node app.js`, `npm start`) without
/// `ENV NODE_ENV`: Node libraries then run in development mode.
fn check_node_env_unset(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    // A base image with ONBUILD triggers: the images built on it install and start the app, and set NODE_ENV.
    if stage.end_scope.kind("NODE_ENV") == Some(VarKind::Env)
        || !node_image(ctx, stage)
        || builds_other_images(ctx, stage)
    {
        return;
    }
    let Some(launch) = launches(ctx, stage)
        .into_iter()
        .find(|l| starts_node_app(&l.words))
    else {
        return;
    };
    let Some(info) = ctx.instructions.get(launch.instruction) else {
        return;
    };
    let node = node_env_position(ctx, stage, info, started_script(&launch.words)).node;
    let keyword = if ctx
        .text(node.keyword)
        .chars()
        .all(|c| c.is_ascii_lowercase())
    {
        "env"
    } else {
        "ENV"
    };
    let newline = if ctx.source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let line_start = ctx
        .source
        .get(..node.span.start)
        .map_or(0, |before| before.rfind('\n').map_or(0, |i| i + 1));
    out.push(
        Diagnostic::new(
            node.text_span(),
            "This image starts a Node app without `NODE_ENV`: Express and many libraries then run in development \
             mode (no view cache, verbose errors, slower code paths). Set `ENV NODE_ENV=production` before the \
             command.",
        )
        .with_fix(
            Fix::unsafe_(
                "Set NODE_ENV=production",
                vec![Edit::insert(line_start, format!("{keyword} NODE_ENV=production{newline}"))],
            )
            .explained(
                "NODE_ENV=production is set before the install when no package script runs after it (npm and \
                 yarn then leave out devDependencies), else just before the command; the app starts in production \
                 mode.",
            ),
        ),
    );
}

fn node_image(ctx: &Context, stage: &Stage) -> bool {
    matches!(ctx.root_base(stage), Base::Image(image) if image.is_official() && image.repository() == "node")
}

/// The package script a launch runs: `start` of `npm start`/`yarn start`, `serve` of `npm run serve`.
fn started_script(words: &[Word]) -> Option<&str> {
    let values: Vec<&str> = words.iter().map(|w| w.value.as_str()).collect();
    let tool = values
        .iter()
        .position(|w| matches!(*w, "npm" | "yarn" | "pnpm"))?;
    match values.get(tool + 1..)? {
        ["run" | "run-script", name, ..] => Some(name),
        [name, ..] => Some(name),
        [] => None,
    }
}

/// `node server.js`, `npm start`, `npm run start`, `yarn start` (through `exec`, `dumb-init`, `tini --`).
fn starts_node_app(words: &[Word]) -> bool {
    let values: Vec<&str> = words
        .iter()
        .map(|w| w.value.as_str())
        .skip_while(|w| {
            matches!(
                w.rsplit('/').next().unwrap_or(""),
                "exec" | "dumb-init" | "tini" | "--"
            )
        })
        .collect();
    let program = values.first().map(|w| w.rsplit('/').next().unwrap_or(w));
    match program {
        Some("node" | "nodejs") => values.get(1).is_some_and(|a| !a.starts_with('-')),
        Some("npm" | "yarn" | "pnpm") => {
            matches!(values.get(1), Some(&"start"))
                || (values.get(1) == Some(&"run") && values.get(2) == Some(&"start"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::rules::prelude::testing::{fixed, fixed_with, lines};

    #[test]
    fn catches_flask_django_node_and_rails_development_values() {
        assert_eq!(
            lines("DW1015", "FROM python\nENV FLASK_ENV=development\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW1015", "FROM python\nENV FLASK_DEBUG=1 DEBUG=True\n"),
            vec![2, 2]
        );
        assert_eq!(
            lines("DW1015", "FROM node\nENV NODE_ENV development\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW1015", "FROM ruby\nENV RAILS_ENV=\"development\"\n"),
            vec![2]
        );
        assert_eq!(lines("DW1015", "FROM php\nENV APP_ENV=dev\n"), vec![2]);
    }

    #[test]
    fn catches_a_value_that_comes_from_an_arg_default() {
        assert_eq!(
            lines(
                "DW1015",
                "FROM node\nARG NODE_ENV=development\nENV NODE_ENV=$NODE_ENV\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_production_values_overrides_or_builder_stages() {
        assert!(lines("DW1015", "FROM node\nENV NODE_ENV=production\n").is_empty());
        assert!(lines("DW1015", "FROM python\nENV DEBUG=False FLASK_DEBUG=0\n").is_empty());
        assert!(lines(
            "DW1015",
            "FROM node\nENV NODE_ENV=development\nRUN npm ci\nENV NODE_ENV=production\n"
        )
        .is_empty());
        assert!(lines(
            "DW1015",
            "FROM node AS build\nENV NODE_ENV=development\nFROM nginx\n"
        )
        .is_empty());
        assert!(lines(
            "DW1015",
            "FROM node\nARG NODE_ENV\nENV NODE_ENV=$NODE_ENV\n"
        )
        .is_empty());
    }

    #[test]
    fn catches_a_node_app_started_without_node_env() {
        assert_eq!(
            lines(
                "DW1015",
                "FROM node:20\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"
            ),
            vec![3]
        );
        assert_eq!(lines("DW1015", "FROM node:20\nCMD npm start\n"), vec![2]);
        assert!(lines(
            "DW1015",
            "FROM node:20\nENV NODE_ENV=production\nCMD npm start\n"
        )
        .is_empty());
        assert!(lines("DW1015", "FROM node:20\nCMD [\"node\", \"--version\"]\n").is_empty());
        assert!(lines("DW1015", "FROM alpine\nCMD node server.js\n").is_empty());
        assert!(lines("DW1015", "FROM node:20\nCMD npm run build\n").is_empty());
    }

    #[test]
    fn fix_sets_node_env_before_the_install_or_else_the_command() {
        assert_eq!(
            fixed(
                "DW1015",
                "FROM node:20\nRUN npm ci\nCMD [\"node\", \"app.js\"]\n"
            ),
            "FROM node:20\nENV NODE_ENV=production\nRUN npm ci\nCMD [\"node\", \"app.js\"]\n"
        );
        // A build script after the install may need devDependencies: the install keeps them.
        assert_eq!(
            fixed("DW1015", "FROM node:20\nRUN npm ci\nRUN npm run build\nCMD [\"node\", \"app.js\"]\n"),
            "FROM node:20\nRUN npm ci\nRUN npm run build\nENV NODE_ENV=production\nCMD [\"node\", \"app.js\"]\n"
        );
    }

    /// `npm start` running `ts-node` (a devDependency), or a `postinstall` running `prisma generate`: with
    /// `NODE_ENV=production` before the install, npm left the tool out and the app did not start or build.
    #[test]
    fn node_env_waits_for_the_command_when_package_json_needs_dev_dependencies() {
        let src = "FROM node:20\nCOPY . .\nRUN npm ci\nCMD [\"npm\", \"start\"]\n";
        let after_install = "FROM node:20\nCOPY . .\nENV NODE_ENV=production\nRUN npm ci\nCMD [\"npm\", \"start\"]\n";
        let before_command = "FROM node:20\nCOPY . .\nRUN npm ci\nENV NODE_ENV=production\nCMD [\"npm\", \"start\"]\n";
        let with = |package: &str| {
            let config = Config {
                package_json: Some(package.to_string()),
                ..Config::default()
            };
            fixed_with("DW1015", src, &config)
        };
        assert_eq!(
            with(
                r#"{"scripts": {"start": "ts-node src/index.ts"}, "devDependencies": {"ts-node": "10"}}"#
            ),
            before_command
        );
        assert_eq!(
            with(r#"{"scripts": {"start": "node a.js", "postinstall": "prisma generate"}}"#),
            before_command
        );
        assert_eq!(
            with(r#"{"scripts": {"start": "node a.js"}}"#),
            after_install
        );
        assert_eq!(fixed("DW1015", src), after_install);
    }

    #[test]
    fn flask_env_gives_way_to_flask_debug() {
        assert_eq!(
            fixed(
                "DW1015",
                "FROM python\nENV FLASK_APP=app.py FLASK_ENV=development\nCMD x\n"
            ),
            "FROM python\nENV FLASK_APP=app.py FLASK_DEBUG=0\nCMD x\n"
        );
        assert_eq!(
            fixed("DW1015", "FROM python\nENV FLASK_ENV development\n"),
            "FROM python\nENV FLASK_DEBUG=0\n"
        );
    }

    #[test]
    fn fix_keeps_crlf_line_endings_and_lower_case_keywords() {
        assert_eq!(
            fixed("DW1015", "from node:20\r\ncmd npm start\r\n"),
            "from node:20\r\nenv NODE_ENV=production\r\ncmd npm start\r\n"
        );
    }

    #[test]
    fn reads_env_of_the_parent_stage() {
        assert_eq!(
            lines(
                "DW1015",
                "FROM node AS base\nENV NODE_ENV=dev\nFROM base\nCMD node .\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn fix_sets_the_production_value_keeping_quotes() {
        assert_eq!(
            fixed("DW1015", "FROM ruby\nENV RAILS_ENV=\"development\"\n"),
            "FROM ruby\nENV RAILS_ENV=\"production\"\n"
        );
        assert_eq!(
            fixed("DW1015", "FROM python\nENV DEBUG=True\n"),
            "FROM python\nENV DEBUG=False\n"
        );
        assert_eq!(
            fixed("DW1015", "FROM php\nENV APP_ENV=dev\n"),
            "FROM php\nENV APP_ENV=dev\n"
        );
    }
}
