//! DL3060: `yarn install` without `yarn cache clean` in the same `RUN`.

use super::run_edits::{append_to_run, final_image_stages, uncleaned};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2060",
    name: "yarn-cache-clean",
    category: Category::ImageSize,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3060")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: the installed packages are the same; only yarn's download cache is removed. Not offered for Yarn \
         2+ in Plug'n'Play mode (a `.yarnrc.yml` without `nodeLinker: node-modules`, `packageManager: yarn@4`, \
         `yarn install --immutable`), where the cache holds the installed packages themselves."
    )),
    docs: rule_docs! {
        what: "Flags a `RUN` with `yarn install` in the final image's stages that does not run `yarn cache \
               clean` after it (and has no cache mount for yarn).",
        why: "Yarn copies every package it downloads into its global cache. In an image that cache is never \
              reused, so it roughly doubles the space `node_modules` takes in the layer.",
        example: "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
        fixed: "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache \
                clean\n",
        differences: "Build stages whose files are only copied from are skipped, as in hadolint; but a stage the \
                      final stage builds on (`FROM deps`) is checked too, since its layers are part of the image. Instructions before any `FROM` belong to no image \
                      stage and are not checked; hadolint checks them.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let image_stages = final_image_stages(ctx);
    let in_image = |info: &&InstructionInfo| info.stage.is_some_and(|s| image_stages.contains(&s));
    for info in ctx
        .instructions
        .iter()
        .filter(|i| crate::rules::common::commands::is_run(i))
        .filter(in_image)
    {
        if has_yarn_cache_mount(info.node) {
            continue;
        }
        let trigger =
            |c: &ShellCommand| c.is("yarn") && c.args().iter().any(|w| w.value == "install");
        let Some(cmd) = uncleaned(info, trigger, &["cache"], &[]) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            cmd.span,
            "This `yarn install` leaves yarn's download cache in the layer, next to `node_modules`; end the same \
             `RUN` with `&& yarn cache clean`.",
        );
        // Under Yarn 2+'s Plug'n'Play the cache holds the installed packages themselves.
        let plug_n_play = crate::rules::common::package_json::yarn_plug_n_play(ctx);
        if let Some(edit) = append_to_run(ctx, info, "yarn cache clean").filter(|_| !plug_n_play) {
            diagnostic = diagnostic.with_fix(
                Fix::safe("Append && yarn cache clean", vec![edit]).explained(
                    "yarn's cache is deleted in the same layer, so it never reaches the image.",
                ),
            );
        }
        out.push(diagnostic);
    }
}

fn has_yarn_cache_mount(node: &Instruction) -> bool {
    node.flags
        .iter()
        .filter(|f| f.name_text == "mount")
        .filter_map(|f| f.value.as_ref())
        .any(|v| v.value.contains("type=cache") && v.value.contains("yarn"))
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    /// Under Yarn 2+'s Plug'n'Play there is no `node_modules`: the cache's zip files are the packages, and
    /// `yarn cache clean` left the app unable to load any of them.
    #[test]
    fn no_fix_under_plug_n_play() {
        use crate::rules::prelude::testing::fixed_with;
        let berry = "FROM node:22\nCOPY package.json yarn.lock .yarnrc.yml ./\nRUN yarn install --immutable\n";
        assert_eq!(lines("DW2060", berry), vec![3]);
        assert_eq!(fixed("DW2060", berry), berry);
        let classic = "FROM node:22\nCOPY package.json yarn.lock ./\nRUN yarn install\n";
        let mut config = crate::config::Config {
            package_json: Some(r#"{"packageManager": "yarn@4.1.0"}"#.into()),
            ..Default::default()
        };
        assert_eq!(fixed_with("DW2060", classic, &config), classic);
        config
            .context_files
            .insert(".yarnrc.yml".into(), "nodeLinker: node-modules\n".into());
        assert_ne!(fixed_with("DW2060", classic, &config), classic);
        assert_ne!(fixed("DW2060", classic), classic);
    }

    #[test]
    fn catches_yarn_install_without_clean() {
        assert_eq!(lines("DW2060", "FROM node:20\nRUN yarn install\n"), vec![2]);
        assert_eq!(
            lines(
                "DW2060",
                "FROM node:20\nRUN yarn cache clean && yarn install\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_cleaned_mounted_or_other_commands() {
        assert!(lines(
            "DW2060",
            "FROM node:20\nRUN yarn install && yarn cache clean\n"
        )
        .is_empty());
        let mount = "FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n";
        assert!(lines("DW2060", mount).is_empty());
        assert!(lines("DW2060", "FROM node:20\nRUN yarn build\n").is_empty());
    }

    #[test]
    fn does_not_catch_builder_stages_but_catches_the_final_images_ancestors() {
        let builder =
            "FROM node:20 AS build\nRUN yarn install\nFROM nginx:1\nCOPY --from=build /app /app\n";
        assert!(lines("DW2060", builder).is_empty());
        let ancestor = "FROM node:20 AS deps\nRUN yarn install\nFROM deps\nCMD [\"node\"]\n";
        assert_eq!(lines("DW2060", ancestor), vec![2]);
    }

    #[test]
    fn does_not_count_removing_unrelated_caches() {
        let src = "FROM node:20\nRUN yarn install && rm -rf /tmp/* /var/cache/*\n";
        assert_eq!(lines("DW2060", src), vec![2]);
    }

    #[test]
    fn fix_appends_the_clean() {
        assert_eq!(
            fixed("DW2060", "FROM node:20\nRUN yarn install\n"),
            "FROM node:20\nRUN yarn install && yarn cache clean\n"
        );
    }
}
