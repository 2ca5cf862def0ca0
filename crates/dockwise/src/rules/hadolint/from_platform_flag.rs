//! DL3029: `FROM --platform=` with a fixed platform.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2029",
    name: "from-platform-flag",
    category: Category::Correctness,
    severity: Severity::Warning,
    // BuildKit's check defers to this rule while it runs, so `# check=skip=FromPlatformFlagConstDisallowed` must silence it too.
    aliases: &[
        Alias(Peer::Hadolint, "DL3029"),
        Alias(Peer::Buildkit, "FromPlatformFlagConstDisallowed"),
    ],
    docs: rule_docs! {
        what: "Flags `FROM --platform=` set to a fixed platform (`linux/amd64`).",
        why: "A hard-coded platform makes every build produce that architecture, whatever `--platform` the \
              builder was asked for: on an arm64 machine the image runs under emulation, slowly, or not at all. \
              Use the build arguments (`$BUILDPLATFORM`, `$TARGETPLATFORM`) or pass `--platform` to the build.",
        example: "FROM --platform=linux/amd64 debian:12\n",
        fixed: "FROM --platform=$BUILDPLATFORM debian:12\n",
        differences: "As in hadolint, a value with a variable (`$BUILDPLATFORM`) is not flagged.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::From)
    {
        let Some(flag) = info.node.flag("platform") else {
            continue;
        };
        let value = flag.value.as_ref().map_or("", |v| v.value.as_str());
        if value.contains('$') {
            continue;
        }
        out.push(Diagnostic::new(
            flag.span,
            format!(
                "`--platform={value}` pins this stage to one architecture whatever the build asks for, so builds \
                 on other machines run emulated or fail; use `$BUILDPLATFORM`/`$TARGETPLATFORM` or pass \
                 `--platform` to `docker build`."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_fixed_platform() {
        assert_eq!(
            lines("DW2029", "FROM --platform=linux/arm64 alpine:3.20\n"),
            vec![1]
        );
    }

    #[test]
    fn does_not_catch_platform_variables_or_no_flag() {
        assert!(lines(
            "DW2029",
            "FROM --platform=$TARGETPLATFORM alpine:3.20\nFROM alpine:3.20\n"
        )
        .is_empty());
    }
}
