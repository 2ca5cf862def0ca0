//! What a rule is: metadata that documents itself, and a check over the semantic model.

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Style < Info < Warning < Error`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Style,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Style => "style",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "style" => Some(Severity::Style),
            "info" | "information" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// What a rule is about; users can switch whole categories on or off.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Privileges, secrets, untrusted downloads.
    Security,
    /// Bytes in the final image.
    ImageSize,
    /// Layer cache reuse and build speed.
    BuildCache,
    /// The same Dockerfile builds the same image tomorrow.
    Reproducibility,
    /// The build or the container does not do what the author meant.
    Correctness,
    /// How the container behaves when it runs (signals, logs, ports, production settings).
    Runtime,
    /// Consistency and readability.
    Style,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Security,
        Category::ImageSize,
        Category::BuildCache,
        Category::Reproducibility,
        Category::Correctness,
        Category::Runtime,
        Category::Style,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Security => "security",
            Category::ImageSize => "image-size",
            Category::BuildCache => "build-cache",
            Category::Reproducibility => "reproducibility",
            Category::Correctness => "correctness",
            Category::Runtime => "runtime",
            Category::Style => "style",
        }
    }
}

/// Another tool whose check a rule corresponds to.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Peer {
    Hadolint,
    Shellcheck,
    Buildkit,
    Trivy,
    Checkov,
}

impl Peer {
    pub fn as_str(self) -> &'static str {
        match self {
            Peer::Hadolint => "hadolint",
            Peer::Shellcheck => "shellcheck",
            Peer::Buildkit => "buildkit",
            Peer::Trivy => "trivy",
            Peer::Checkov => "checkov",
        }
    }
}

/// A peer's code for the same check (`Alias(Peer::Hadolint, "DL3042")`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Alias(pub Peer, pub &'static str);

/// Whether a rule can fix what it finds, with the text that says why its fixes are safe or unsafe (shown as "Fix
/// safety": docs/rules.md, `dockwise explain`, the playground's rule reference). A rule cannot declare a fix
/// without giving that text (the docs tests refuse an empty one, and one that says another kind). It writes it
/// with `fix_safety!` ([`Why`]): like the docs beyond `what`, the text is kept only under the `docs` feature.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// No fix. The text is empty ([`Why::NOTHING`]), or says why none is offered ("No automatic fix: ...").
    None(Why),
    /// Every fix keeps what is built; the text says why ("Safe: ...").
    Safe(Why),
    /// Fixes change what is built; applied only on request. The text says what changes ("Unsafe: ...").
    Unsafe(Why),
    /// Safe in some cases, unsafe in others; the text says which.
    Sometimes(Why),
}

impl FixKind {
    /// The kind without its text.
    pub const fn class(&self) -> FixClass {
        match self {
            FixKind::None(_) => FixClass::None,
            FixKind::Safe(_) => FixClass::Safe,
            FixKind::Unsafe(_) => FixClass::Unsafe,
            FixKind::Sometimes(_) => FixClass::Sometimes,
        }
    }

    /// Why the fixes are safe or unsafe, or why there is none; empty for a rule with no fix that says nothing,
    /// and for every rule without the `docs` feature.
    pub const fn safety(&self) -> &'static str {
        match self {
            FixKind::None(why)
            | FixKind::Safe(why)
            | FixKind::Unsafe(why)
            | FixKind::Sometimes(why) => why.text(),
        }
    }
}

/// A [`FixKind`] without its text: what front ends show as a rule's fix (`"fix"` in [`RuleInfo`] and SARIF).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixClass {
    None,
    /// Every fix keeps what is built.
    Safe,
    /// Fixes change what is built; applied only on request.
    Unsafe,
    /// Safe in some cases, unsafe in others (the fix safety text says which).
    Sometimes,
}

impl FixClass {
    pub fn as_str(self) -> &'static str {
        match self {
            FixClass::None => "none",
            FixClass::Safe => "safe",
            FixClass::Unsafe => "unsafe",
            FixClass::Sometimes => "sometimes",
        }
    }
}

/// A [`Why`]: the text under the `docs` feature, nothing without it (the text is then not compiled in).
#[cfg(feature = "docs")]
macro_rules! fix_safety {
    ($text:expr $(,)?) => {
        $crate::rule::Why($text)
    };
}

#[cfg(not(feature = "docs"))]
macro_rules! fix_safety {
    ($text:expr $(,)?) => {
        $crate::rule::Why()
    };
}

pub(crate) use fix_safety;

/// A [`FixKind`]'s text, written in the rule's file next to the kind with `fix_safety!` (`fix:
/// FixKind::Safe(fix_safety!("Safe: ..."))`). With the `docs` feature it holds the text; without it, as in the
/// playground's wasm, it holds nothing and takes no room (a rule's metadata is as small as with a bare kind), and
/// the text reaches the browser in `rules.json` with the rest of the docs.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Why(#[cfg(feature = "docs")] pub(crate) &'static str);

impl Why {
    /// No text: what a rule without a fix says by default (`Rule::DEFAULTS`).
    pub const NOTHING: Why = fix_safety!("");

    /// The text; empty without the `docs` feature.
    pub const fn text(self) -> &'static str {
        #[cfg(feature = "docs")]
        let text = self.0;
        #[cfg(not(feature = "docs"))]
        let text = "";
        text
    }
}

/// The rule's documentation, in fixed parts. The playground, `dockwise explain` and docs/rules.md all show it,
/// and `example`/`fixed` run as tests: `example` must produce exactly one finding of this rule, `fixed` none.
#[derive(Copy, Clone, Debug)]
pub struct Docs {
    /// What it flags (one or two sentences).
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A Dockerfile that triggers the rule once.
    pub example: &'static str,
    /// The same Dockerfile, fixed.
    pub fixed: &'static str,
    /// Deliberate differences from the peers named in `aliases` (their false positives we do not repeat).
    pub differences: &'static str,
}

impl Docs {
    /// What a build without the `docs` feature keeps besides `what`: nothing.
    pub const WHAT_ONLY: Docs = Docs {
        what: "",
        why: "",
        example: "",
        fixed: "",
        differences: "",
    };
}

/// A rule's [`Docs`], written in its file. With the `docs` feature (the default) every part is kept. Without it,
/// as in the playground's wasm, only `what` is (rule lists and search show it); the rest reaches the browser as
/// `rules.json` (`dockwise rules --format json`), fetched when a reader opens a rule's docs.
/// `differences` (none from the peers) may be left out: it is then empty. Why a fix is safe is not part of the
/// docs but of the rule's [`FixKind`] (see `fix_safety!`).
#[cfg(feature = "docs")]
macro_rules! rule_docs {
    ($($field:ident: $value:expr),* $(,)?) => {{
        // A rule that states every part leaves the default nothing to fill in.
        #[allow(clippy::needless_update)]
        let docs = $crate::rule::Docs { $($field: $value,)* ..$crate::rule::Docs::WHAT_ONLY };
        docs
    }};
}

#[cfg(not(feature = "docs"))]
macro_rules! rule_docs {
    (what: $what:expr, $($field:ident: $value:expr),* $(,)?) => {
        $crate::rule::Docs {
            what: $what,
            ..$crate::rule::Docs::WHAT_ONLY
        }
    };
}

pub(crate) use rule_docs;

/// A rule: metadata plus its check. Listed once in [`crate::rules::ALL`].
pub struct Rule {
    /// Stable code, never reused (`DW0123`).
    pub code: &'static str,
    /// kebab-case name (`pip-no-cache-dir`).
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub aliases: &'static [Alias],
    /// Off-by-default rules run only when enabled in the configuration.
    pub enabled_by_default: bool,
    pub fix: FixKind,
    pub docs: Docs,
    /// Reports findings. Rules that need the whole file simply look at the whole model.
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

impl Rule {
    /// What a rule states only when it differs (`..Rule::DEFAULTS`): no peer aliases, enabled by default, no
    /// fix. A rule always states its code, name, category, severity, docs and check; these placeholders for
    /// them are never a rule's (the registry's tests refuse an empty code or docs).
    pub const DEFAULTS: Rule = Rule {
        code: "",
        name: "",
        category: Category::Correctness,
        severity: Severity::Info,
        aliases: &[],
        enabled_by_default: true,
        fix: FixKind::None(Why::NOTHING),
        docs: Docs::WHAT_ONLY,
        check: |_, _| {},
    };

    pub fn alias(&self, peer: Peer) -> Option<&'static str> {
        self.aliases.iter().find(|a| a.0 == peer).map(|a| a.1)
    }

    /// True when `selector` names this rule: its code, name, any alias code or its category (case-insensitive).
    pub fn is_named_by(&self, selector: &str) -> bool {
        let s = selector.trim();
        self.code.eq_ignore_ascii_case(s)
            || self.name.eq_ignore_ascii_case(s)
            || self.category.as_str().eq_ignore_ascii_case(s)
            || self.aliases.iter().any(|a| a.1.eq_ignore_ascii_case(s))
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.code, self.name)
    }
}

/// A rule's metadata and docs as front ends read them: the one shape of `dockwise rules --format json`, the wasm
/// API's `rulesJson()` and the playground's `rules.json` (which it reads back with `Deserialize`). Without the
/// `docs` feature every docs field but `what` is empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleInfo {
    pub code: String,
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    /// Peer tool (`hadolint`, `trivy` ...) to its code for the same check.
    pub aliases: std::collections::BTreeMap<String, String>,
    pub fix: FixClass,
    pub enabled_by_default: bool,
    pub what: String,
    pub why: String,
    pub example: String,
    pub fixed: String,
    pub fix_safety: String,
    pub differences: String,
}

impl From<&Rule> for RuleInfo {
    fn from(rule: &Rule) -> RuleInfo {
        RuleInfo {
            code: rule.code.into(),
            name: rule.name.into(),
            category: rule.category,
            severity: rule.severity,
            aliases: rule
                .aliases
                .iter()
                .map(|a| (a.0.as_str().into(), a.1.into()))
                .collect(),
            fix: rule.fix.class(),
            enabled_by_default: rule.enabled_by_default,
            what: rule.docs.what.into(),
            why: rule.docs.why.into(),
            example: rule.docs.example.into(),
            fixed: rule.docs.fixed.into(),
            fix_safety: rule.fix.safety().into(),
            differences: rule.docs.differences.into(),
        }
    }
}
