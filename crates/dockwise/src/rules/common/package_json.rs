//! What the build context's `package.json` says about an install: whether npm runs the package's own scripts
//! during it, whether it reads more than the manifests, and whether starting the app needs devDependencies.
//! Read by the rules that move `npm ci` before the source (DW1010) or `NODE_ENV=production` before the install
//! (DW1015): both are wrong for such packages.

use serde_json::Value;

/// The scripts npm and yarn run during `npm ci`/`npm install`/`yarn install` of the package itself.
const INSTALL_SCRIPTS: &[&str] = &["preinstall", "install", "postinstall", "prepare"];

/// Whether the install runs the package's own scripts (`postinstall: prisma generate`, `prepare: husky`): they
/// read the source and often call devDependencies.
pub fn runs_install_scripts(package: &Value) -> bool {
    let scripts = package.get("scripts");
    INSTALL_SCRIPTS
        .iter()
        .any(|name| scripts.and_then(|s| s.get(name)).is_some())
}

/// Whether a dependency is installed from the source tree (`file:`, `link:`, `workspace:`, or `workspaces`):
/// the install then needs those folders, not only the manifests.
pub fn installs_from_source_tree(package: &Value) -> bool {
    if package.get("workspaces").is_some() {
        return true;
    }
    ["dependencies", "devDependencies", "optionalDependencies"]
        .iter()
        .filter_map(|group| package.get(group)?.as_object())
        .flat_map(|deps| deps.values())
        .filter_map(Value::as_str)
        .any(|spec| {
            ["file:", "link:", "workspace:", "portal:", "./", "../"]
                .iter()
                .any(|p| spec.starts_with(p))
        })
}

/// Whether `npm start` (or `npm run <script>`) runs a program the production install leaves out: the script's
/// first program is a devDependency (`ts-node`, `nodemon`), or it is neither `node` nor a dependency's name (a
/// dev tool's binary such as `tsc`, whose package name differs). `false` when the script is unknown.
pub fn script_needs_dev_dependencies(package: &Value, script: &str) -> bool {
    let Some(text) = package
        .get("scripts")
        .and_then(|s| s.get(script))
        .and_then(Value::as_str)
    else {
        return false;
    };
    let listed = |group: &str, name: &str| package.get(group).and_then(|d| d.get(name)).is_some();
    // Each command of the script (`tsc && node dist/index.js`), past `VAR=value` assignments.
    text.split(['&', '|', ';'])
        .filter_map(|command| {
            command
                .split_whitespace()
                .find(|w| !w.contains('=') || w.starts_with('-'))
        })
        .any(|program| {
            program != "node"
                && !matches!(
                    program,
                    "npm" | "yarn" | "pnpm" | "npx" | "exec" | "cd" | "echo"
                )
                && (listed("devDependencies", program) || !listed("dependencies", program))
        })
}

/// Why the package cannot move to Node.js `major`: its `engines.node` excludes that line, or it depends on a
/// package tied to old lines (`node-sass` ships a binary per Node.js line and is no longer maintained; webpack
/// 4, also under `react-scripts` 4 and older, fails on Node.js 17+ with `ERR_OSSL_EVP_UNSUPPORTED`).
pub fn refuses_node(package: &Value, major: u64) -> Option<String> {
    if let Some(range) = package
        .get("engines")
        .and_then(|e| e.get("node"))
        .and_then(Value::as_str)
    {
        if !node_range_accepts(range, major) {
            return Some(format!("its `engines.node` is `{range}`"));
        }
    }
    let version_of = |name: &str| {
        ["dependencies", "devDependencies"]
            .iter()
            .find_map(|group| package.get(group)?.get(name)?.as_str())
    };
    if version_of("node-sass").is_some() {
        return Some(
            "it depends on `node-sass`, built for each Node.js line and no longer maintained"
                .into(),
        );
    }
    let major_of = |spec: &str| -> Option<u64> {
        spec.trim_start_matches(|c: char| !c.is_ascii_digit())
            .split('.')
            .next()?
            .parse()
            .ok()
    };
    for (name, below) in [("webpack", 5), ("react-scripts", 5)] {
        if major >= 17
            && version_of(name)
                .and_then(major_of)
                .is_some_and(|m| m < below)
        {
            return Some(format!(
                "it depends on `{name}` {}, whose webpack 4 fails on Node.js 17 and later",
                version_of(name).unwrap_or_default()
            ));
        }
    }
    None
}

/// Whether an npm `engines` range (`>=14 <17`, `^16.13.0`, `14.x || 16.x`) accepts Node.js line `major`, by
/// major versions only. Unknown forms accept, so only a clear refusal counts.
fn node_range_accepts(range: &str, major: u64) -> bool {
    range.split("||").any(|alternative| {
        // `>= 14` is one comparator: glue a lone operator to the version after it.
        let mut comparators: Vec<String> = Vec::new();
        for token in alternative.split_whitespace() {
            match comparators.last_mut() {
                Some(last) if last.chars().all(|c| "<>=^~".contains(c)) => last.push_str(token),
                _ => comparators.push(token.to_string()),
            }
        }
        comparators.iter().all(|c| {
            let at = c.find(|ch: char| ch.is_ascii_digit()).unwrap_or(c.len());
            let (op, version) = c.split_at(at);
            let mut pieces = version.split('.');
            let Some(m) = pieces.next().and_then(|p| p.parse::<u64>().ok()) else {
                return true;
            };
            let beyond_major = pieces.any(|p| p.parse::<u64>().is_ok_and(|n| n > 0));
            match op {
                "" | "=" | "^" | "~" | "v" => major == m,
                ">=" => major >= m,
                ">" => major > m || (major == m && beyond_major),
                "<" => major < m || (major == m && beyond_major),
                "<=" => major <= m,
                _ => true,
            }
        })
    })
}

/// Whether the app installs with Yarn 2+ in Plug'n'Play mode (its default): there is no `node_modules`, the
/// packages are zip files in yarn's cache loaded through `.pnp.cjs`, so `yarn cache clean` deletes them and
/// `node app.js` without `yarn` cannot find them. Yarn 2+ is known by a `.yarnrc.yml` (beside the Dockerfile
/// or copied by it), `packageManager: yarn@2+`, or `yarn install --immutable`; PnP unless `.yarnrc.yml` says
/// `nodeLinker: node-modules`.
pub fn yarn_plug_n_play(ctx: &crate::context::Context) -> bool {
    use crate::rules::prelude::*;
    let files = &ctx.config.context_files;
    let yarnrc = files.get(".yarnrc.yml");
    if yarnrc.is_some_and(|t| {
        t.lines()
            .any(|l| l.trim_start().starts_with("nodeLinker") && l.contains("node-modules"))
    }) {
        return false;
    }
    let package_manager_berry = ctx
        .package_json()
        .and_then(|p| p.get("packageManager")?.as_str().map(str::to_string))
        .and_then(|pm| {
            pm.strip_prefix("yarn@")?
                .split('.')
                .next()?
                .parse::<u32>()
                .ok()
        })
        .is_some_and(|major| major >= 2);
    let named_in_file = ctx.instructions.iter().any(|i| match &i.node.body {
        Body::Copy(copy) => copy.sources.iter().any(|s| s.value.contains(".yarnrc.yml")),
        _ => i
            .commands()
            .any(|c| c.is("yarn") && c.has_flag("--immutable")),
    });
    yarnrc.is_some() || package_manager_berry || named_in_file
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(text: &str) -> Value {
        serde_json::from_str(text).expect("a package.json")
    }

    #[test]
    fn install_scripts_and_source_tree_dependencies() {
        assert!(runs_install_scripts(&package(
            r#"{"scripts": {"postinstall": "prisma generate"}}"#
        )));
        assert!(runs_install_scripts(&package(
            r#"{"scripts": {"prepare": "husky"}}"#
        )));
        assert!(!runs_install_scripts(&package(
            r#"{"scripts": {"start": "node a.js", "build": "tsc"}}"#
        )));
        assert!(installs_from_source_tree(&package(
            r#"{"dependencies": {"shared": "file:./packages/shared"}}"#
        )));
        assert!(installs_from_source_tree(&package(
            r#"{"workspaces": ["packages/*"]}"#
        )));
        assert!(!installs_from_source_tree(&package(
            r#"{"dependencies": {"express": "^4.19.2"}}"#
        )));
    }

    #[test]
    fn node_lines_a_package_refuses() {
        for (range, accepted) in [
            (">=14 <17", false),
            (">= 18", true),
            ("^16.13.0", false),
            ("14.x || 16.x", false),
            ("14.x || >=20", true),
            ("<=22", true),
            ("<22.5", true),
            ("22", true),
            ("*", true),
        ] {
            assert_eq!(node_range_accepts(range, 22), accepted, "{range}");
        }
        let refuses = |text: &str| refuses_node(&package(text), 22).is_some();
        assert!(refuses(r#"{"engines": {"node": "14.x"}}"#));
        assert!(refuses(r#"{"dependencies": {"node-sass": "4.14.1"}}"#));
        assert!(refuses(r#"{"dependencies": {"react-scripts": "4.0.3"}}"#));
        assert!(refuses(r#"{"devDependencies": {"webpack": "^4.46.0"}}"#));
        assert!(!refuses(
            r#"{"dependencies": {"react-scripts": "5.0.1", "express": "4"}}"#
        ));
        assert!(!refuses(r#"{"engines": {"node": ">=18"}}"#));
    }

    #[test]
    fn start_scripts_that_need_dev_dependencies() {
        let needs = |text: &str| script_needs_dev_dependencies(&package(text), "start");
        assert!(needs(
            r#"{"scripts": {"start": "ts-node src/index.ts"}, "devDependencies": {"ts-node": "10"}}"#
        ));
        assert!(needs(
            r#"{"scripts": {"start": "tsc && node dist/index.js"}, "devDependencies": {"typescript": "5"}}"#
        ));
        assert!(!needs(r#"{"scripts": {"start": "node server.js"}}"#));
        assert!(!needs(
            r#"{"scripts": {"start": "PORT=3000 next start"}, "dependencies": {"next": "15"}}"#
        ));
        assert!(!needs(r#"{"scripts": {"build": "tsc"}}"#));
    }
}
