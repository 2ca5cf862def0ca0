//! BuildKit FromPlatformFlagConstDisallowed: `FROM --platform=linux/amd64`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4012",
    name: "from-platform-flag-const",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "FromPlatformFlagConstDisallowed")],
    docs: rule_docs! {
        what: "Flags `FROM --platform=` with a constant value, unless the stage name mentions that platform \
               (`AS build-amd64`), which marks a deliberately platform-specific stage.",
        why: "A fixed platform stops the Dockerfile from building multi-platform images, and on another machine \
              the stage runs under emulation. `--platform` on the command line, or `$BUILDPLATFORM`, keeps the \
              choice to the build.",
        example: "FROM --platform=linux/amd64 node:22 AS base\nRUN npm ci\n",
        fixed: "FROM --platform=$BUILDPLATFORM node:22 AS base\nRUN npm ci\n",
        differences: "While hadolint's `from-platform-flag` (DL3029) runs it reports these (stage names \
                      included), and this rule stays quiet so each `FROM` is reported once.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // hadolint's DL3029 rule reports every constant platform; one finding per problem is enough.
    if ctx
        .config
        .is_enabled(&crate::rules::hadolint::from_platform_flag::RULE)
    {
        return;
    }
    for info in &ctx.instructions {
        let node = info.node;
        let Body::From(from) = &node.body else {
            continue;
        };
        let Some(value) = node.flag("platform").and_then(|f| f.value.as_ref()) else {
            continue;
        };
        if value.value.contains('$') || value.value.is_empty() {
            continue;
        }
        let name = from
            .stage_name
            .as_ref()
            .map(|n| n.value.to_ascii_lowercase())
            .unwrap_or_default();
        let platform = value.value.to_ascii_lowercase();
        if platform
            .split('/')
            .any(|part| !part.is_empty() && name.contains(part))
        {
            continue;
        }
        out.push(Diagnostic::new(
            value.span,
            format!(
                "`--platform={}` pins this stage to one platform: the Dockerfile can no longer build for others \
                 and runs under emulation elsewhere; drop the flag or use `$BUILDPLATFORM`/`$TARGETPLATFORM`.",
                value.value
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_constant_platform() {
        assert_eq!(
            lines("DW4012", "FROM --platform=linux/arm64 a AS base\n"),
            vec![1]
        );
    }

    #[test]
    fn leaves_the_finding_to_dl3029_when_it_runs() {
        let src = "FROM --platform=linux/arm64 a AS base\n";
        let linted = crate::lint::lint(src, &crate::config::Config::default());
        assert!(linted.findings.iter().all(|f| f.rule.code != "DW4012"));
    }

    #[test]
    fn does_not_catch_variables_or_platform_named_stages() {
        let src =
            "FROM --platform=$BUILDPLATFORM a\nFROM --platform=linux/amd64 a AS build_amd64\n";
        assert!(lines("DW4012", src).is_empty());
    }
}
