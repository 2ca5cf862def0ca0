//! DW1032: the container starts the app through `npm start` (or `yarn start`), so the package manager is PID 1.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1032",
    name: "npm-start-as-pid1",
    category: Category::Runtime,
    severity: Severity::Info,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe, and offered only when the front end read the build context's `package.json` (the CLI does; the \
         playground cannot) and its `start` script is a plain `node ...` command with no shell syntax and no \
         `prestart`/`poststart` scripts: `CMD` becomes that command in exec form. The app no longer sees the \
         `npm_*` environment variables npm sets, and `node_modules/.bin` is no longer on `PATH`. Not offered \
         for `yarn start` under Yarn 2+'s Plug'n'Play, where only yarn finds the packages (there is no \
         `node_modules`)."
    )),
    docs: rule_docs! {
        what: "Flags a final stage whose `CMD` is `npm start`, `npm run start` or `yarn start` (exec or shell form, \
               with no `ENTRYPOINT` of the file's own).",
        why: "The package manager then runs as the container's main process and starts Node.js as its child: \
              `docker stop`'s SIGTERM reaches npm, not your server, which gets no chance to close connections and \
              is killed after the grace period; npm also adds a process and its memory. The Node.js image's own \
              best practices start the app with `node` directly.",
        example: "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD [\"npm\", \"start\"]\n",
        fixed: "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD [\"node\", \"server.js\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// `npm start`, `npm run start`, `yarn start`, `yarn run start`.
fn is_start(words: &[&str]) -> bool {
    matches!(
        words,
        ["npm" | "yarn", "start"]
            | ["npm" | "yarn", "run", "start"]
            | ["npm" | "yarn", "run-script", "start"]
    )
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let instructions = ctx.stage_instructions(stage);
    if instructions.iter().any(|i| i.kind() == Keyword::Entrypoint) {
        return;
    }
    let Some(cmd) = instructions.iter().rev().find(|i| i.kind() == Keyword::Cmd) else {
        return;
    };
    let words: Vec<&str> = match &cmd.node.body {
        Body::Command(Command::Exec(exec)) => {
            exec.elements.iter().map(|w| w.value.as_str()).collect()
        }
        Body::Command(Command::Shell(script)) => script.text.split_whitespace().collect(),
        _ => return,
    };
    if !is_start(&words) {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        cmd.node.args,
        format!(
            "`{}` makes the package manager the container's main process: `docker stop`'s SIGTERM reaches it, \
             not your server, which is killed after the grace period without closing its connections. Start the \
             app with `node` directly (`CMD [\"node\", \"server.js\"]`, the command of your `start` script).",
            words.join(" ")
        ),
    );
    // Under Yarn 2+'s Plug'n'Play only `yarn` (through `.pnp.cjs`) finds the packages: `node` alone cannot.
    let plug_n_play =
        words.first() == Some(&"yarn") && crate::rules::common::package_json::yarn_plug_n_play(ctx);
    if let Some(command) = ctx
        .package_json()
        .and_then(start_command)
        .filter(|_| !plug_n_play)
    {
        let exec = format!(
            "[{}]",
            command
                .iter()
                .map(|w| serde_json::to_string(w).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", ")
        );
        diagnostic = diagnostic.with_fix(
            Fix::unsafe_(
                format!("Start the app with {}", command.join(" ")),
                vec![Edit::replace(cmd.node.args, exec.clone())],
            )
            .explained(format!(
                "`CMD` runs the `start` script of `package.json` directly, `{exec}`, so Node.js is the \
                 container's main process and receives `docker stop`'s signal."
            )),
        );
    }
    out.push(diagnostic);
}

/// The words of `package.json`'s `start` script when it is a plain `node ...` command that npm would run alone
/// (no shell syntax, no `prestart`/`poststart`).
fn start_command(package: &serde_json::Value) -> Option<Vec<String>> {
    let scripts = package.get("scripts")?;
    if scripts.get("prestart").is_some() || scripts.get("poststart").is_some() {
        return None;
    }
    let start = scripts.get("start")?.as_str()?;
    let words: Vec<&str> = start.split_whitespace().collect();
    let plain = |w: &&str| {
        w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:=@,+%".contains(c))
    };
    (words.first() == Some(&"node") && words.len() > 1 && words.iter().all(plain))
        .then(|| words.iter().map(|w| w.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::start_command;
    use crate::config::Config;
    use crate::fix::fix;
    use crate::rules::prelude::testing::lines;

    #[test]
    fn flags_npm_and_yarn_start_as_the_command() {
        for src in [
            "FROM node:22\nCMD [\"npm\", \"start\"]\n",
            "FROM node:22\nCMD npm start\n",
            "FROM node:22\nCMD [\"npm\", \"run\", \"start\"]\n",
            "FROM node:22\nCMD [\"yarn\", \"start\"]\n",
        ] {
            assert_eq!(lines("DW1032", src), vec![2], "{src}");
        }
    }

    #[test]
    fn node_other_scripts_builder_stages_and_entrypoints_are_quiet() {
        for src in [
            "FROM node:22\nCMD [\"node\", \"server.js\"]\n",
            "FROM node:22\nCMD [\"npm\", \"run\", \"serve\"]\n",
            "FROM node:22\nCMD npm start && echo done\n",
            "FROM node:22 AS build\nCMD npm start\nFROM nginx:1.27\n",
            "FROM node:22\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"npm\", \"start\"]\n",
        ] {
            assert!(lines("DW1032", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn reads_a_plain_node_start_script() {
        let start = |s: &str| {
            let package = serde_json::from_str(s).ok()?;
            start_command(&package).map(|w| w.join(" "))
        };
        assert_eq!(
            start(r#"{"scripts": {"start": "node server.js --port=3000"}}"#).as_deref(),
            Some("node server.js --port=3000")
        );
        for unsure in [
            r#"{"scripts": {"start": "node a.js && node b.js"}}"#,
            r#"{"scripts": {"start": "NODE_ENV=production node a.js"}}"#,
            r#"{"scripts": {"start": "nodemon a.js"}}"#,
            r#"{"scripts": {"start": "node a.js", "prestart": "npm run build"}}"#,
            r#"{"main": "a.js"}"#,
            "not json",
        ] {
            assert_eq!(start(unsure), None, "{unsure}");
        }
    }

    #[test]
    fn the_fix_needs_the_package_json() {
        let src = "FROM node:22\nWORKDIR /app\nCOPY . .\nCMD [ \"npm\", \"start\" ]\n";
        let mut config = Config::only("DW1032");
        assert_eq!(fix(src, &config, true).text, src);
        config.package_json = Some(r#"{"scripts": {"start": "node index.js"}}"#.to_string());
        assert_eq!(
            fix(src, &config, true).text,
            "FROM node:22\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"index.js\"]\n"
        );
        // Yarn 2+'s Plug'n'Play: `node` alone cannot find the packages.
        let pnp = "FROM node:22\nCOPY package.json yarn.lock .yarnrc.yml ./\nRUN yarn install --immutable\n\
                   CMD [\"yarn\", \"start\"]\n";
        assert_eq!(fix(pnp, &config, true).text, pnp);
        let shell = "FROM node:22\ncmd npm start\n";
        assert_eq!(
            fix(shell, &config, true).text,
            "FROM node:22\ncmd [\"node\", \"index.js\"]\n"
        );
    }
}
