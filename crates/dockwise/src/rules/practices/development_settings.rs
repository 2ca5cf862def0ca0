//! Development settings (`FLASK_ENV=development`, `NODE_ENV=development`, `DEBUG=True`...) in the runtime image.

use crate::model::expand;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1015",
    name: "development-settings",
    category: Category::Runtime,
    severity: Severity::Warning,
    aliases: &[],
    enabled_by_default: true,
    fix: FixKind::Unsafe,
    docs: Docs {
        what: "Flags an `ENV` in the final stage that leaves the app in development mode: `FLASK_ENV=development`, \
               `FLASK_DEBUG=1`, `DEBUG=True`, `DJANGO_DEBUG=1`, `APP_DEBUG=true`, `NODE_ENV` other than \
               `production`, `RAILS_ENV`/`RACK_ENV=development`, `APP_ENV=dev`, \
               `ASPNETCORE_ENVIRONMENT=Development`, `GIN_MODE=debug`.",
        why: "Development mode turns on debuggers that run code sent by the browser (Werkzeug's debugger), detailed \
              error pages that leak settings and source, auto-reload, and unoptimised code paths (`NODE_ENV` \
              makes Express and React several times slower and installs dev dependencies).",
        example: "FROM python:3.12-slim\nENV FLASK_ENV=development\nCOPY . /app\n\
                  CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:5000\", \"app:app\"]\n",
        fixed: "FROM python:3.12-slim\nENV FLASK_ENV=production\nCOPY . /app\n\
                CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:5000\", \"app:app\"]\n",
        fix_safety: "Unsafe: it changes how the app behaves at run time (`FLASK_ENV`/`NODE_ENV`/`RAILS_ENV` become \
                     `production`, debug flags become off). Offered only when the production value is obvious; \
                     `APP_ENV` (spelled `prod` by Symfony, `production` by Laravel) gets advice only.",
        differences: "Stages that only build (not the final one) are not checked: `NODE_ENV=development` in a \
                      builder that installs dev dependencies is fine.",
    },
    check,
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
                    last.retain(|(k, _, _)| *k != pair.key.value);
                    last.push((pair.key.value.as_str(), info, pair));
                }
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

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
