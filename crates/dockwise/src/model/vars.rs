//! Variables in scope (`ARG`, `ENV`) and `$VAR` expansion as Docker does it for instruction arguments.

use std::collections::HashMap;
use std::rc::Rc;

/// Variables visible at one instruction. `None` value: declared without a known value.
///
/// Cheap to clone and linear to build for a whole file: the model records every `ARG`/`ENV` of a stage once,
/// in an append-only [`Chain`], and each instruction's scope is a view of a prefix of it (plus the few
/// variables a rule sets on its own copy, in `local`). Copying the variables per instruction made a file of
/// 4,000 `ENV` lines take seconds and a gigabyte.
#[derive(Clone, Default)]
pub struct Scope {
    shared: Option<View>,
    /// Variables set on this scope after it was shared, most recent last (each name at most once).
    local: Vec<Binding>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum VarKind {
    Arg,
    Env,
}

#[derive(Clone, Debug, PartialEq)]
struct Binding {
    name: String,
    value: Option<String>,
    kind: VarKind,
}

/// The first `len` bindings of a chain.
#[derive(Clone)]
struct View {
    chain: Rc<Chain>,
    len: usize,
}

/// One stage's `ARG`/`ENV` declarations in order, indexed by name, on top of the scope it started from.
#[derive(Default)]
struct Chain {
    parent: Option<Scope>,
    log: Log,
}

/// Bindings in order and, for each name, the positions that bind it (ascending).
#[derive(Default)]
struct Log {
    bindings: Vec<Binding>,
    positions: HashMap<String, Vec<u32>>,
}

impl Log {
    fn push(&mut self, binding: Binding) {
        let at = self.bindings.len() as u32;
        self.positions
            .entry(binding.name.clone())
            .or_default()
            .push(at);
        self.bindings.push(binding);
    }

    /// The last binding of `name` among the first `len`.
    fn find(&self, name: &str, len: usize) -> Option<&Binding> {
        let positions = self.positions.get(name)?;
        let before = positions.partition_point(|&p| (p as usize) < len);
        let at = *positions.get(before.checked_sub(1)?)?;
        self.bindings.get(at as usize)
    }
}

impl View {
    fn find(&self, name: &str) -> Option<&Binding> {
        self.chain.log.find(name, self.len).or_else(|| {
            self.chain
                .parent
                .as_ref()
                .and_then(|parent| parent.find(name))
        })
    }
}

impl Scope {
    /// Scope from global `ARG`s, as used by `FROM` lines.
    pub fn from_args(args: &[(String, Option<String>)]) -> Scope {
        let mut scope = Scope::default();
        for (k, v) in args {
            scope.put(k, v.clone(), VarKind::Arg);
        }
        scope
    }

    /// The empty scope at the start of a stage (global ARGs must be re-declared to be visible).
    pub fn stage_start(_global_args: &[(String, Option<String>)]) -> Scope {
        Scope::default()
    }

    /// `ARG NAME[=default]` inside a stage: a bare re-declaration takes the global default.
    pub fn declare_arg(
        &mut self,
        name: &str,
        value: Option<String>,
        global_args: &[(String, Option<String>)],
    ) {
        let value = value.or_else(|| global_default(name, global_args));
        self.put(name, value, VarKind::Arg);
    }

    /// `ENV NAME=value`.
    pub fn set(&mut self, name: &str, value: Option<String>) {
        self.put(name, value, VarKind::Env);
    }

    fn put(&mut self, name: &str, value: Option<String>, kind: VarKind) {
        self.local.retain(|b| b.name != name);
        self.local.push(Binding {
            name: name.to_string(),
            value,
            kind,
        });
    }

    fn find(&self, name: &str) -> Option<&Binding> {
        match self.local.iter().rev().find(|b| b.name == name) {
            Some(b) => Some(b),
            None => self.shared.as_ref().and_then(|v| v.find(name)),
        }
    }

    pub fn is_defined(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.find(name).and_then(|b| b.value.as_deref())
    }

    pub fn kind(&self, name: &str) -> Option<VarKind> {
        self.find(name).map(|b| b.kind)
    }

    /// Every visible variable once, in the order of its latest declaration.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.visible().into_iter().map(|b| b.name.as_str())
    }

    /// Every visible binding once, ordered by its latest declaration (linear in the scope's size).
    fn visible(&self) -> Vec<&Binding> {
        let mut all: Vec<&Binding> = Vec::new();
        self.collect(&mut all);
        let mut seen = std::collections::HashSet::new();
        let mut latest: Vec<&Binding> = all
            .into_iter()
            .rev()
            .filter(|b| seen.insert(b.name.as_str()))
            .collect();
        latest.reverse();
        latest
    }

    fn collect<'s>(&'s self, out: &mut Vec<&'s Binding>) {
        if let Some(view) = &self.shared {
            if let Some(parent) = &view.chain.parent {
                parent.collect(out);
            }
            out.extend(view.chain.log.bindings.iter().take(view.len));
        }
        out.extend(self.local.iter());
    }
}

#[cfg(test)]
impl Scope {
    /// Bindings held by a set of scopes, each shared chain counted once (tests check the model is linear).
    pub(crate) fn stored_bindings<'s>(scopes: impl Iterator<Item = &'s Scope>) -> usize {
        let mut seen: Vec<*const Chain> = Vec::new();
        let mut total = 0;
        let mut pending: Vec<&Scope> = scopes.collect();
        while let Some(scope) = pending.pop() {
            total += scope.local.len();
            if let Some(view) = &scope.shared {
                let ptr = Rc::as_ptr(&view.chain);
                if !seen.contains(&ptr) {
                    seen.push(ptr);
                    total += view.chain.log.bindings.len();
                    pending.extend(view.chain.parent.as_ref());
                }
            }
        }
        total
    }
}

impl PartialEq for Scope {
    fn eq(&self, other: &Scope) -> bool {
        self.visible() == other.visible()
    }
}

impl std::fmt::Debug for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.visible()).finish()
    }
}

fn global_default(name: &str, global_args: &[(String, Option<String>)]) -> Option<String> {
    global_args
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.clone())
}

/// Builds the scopes of one file while the model walks it: each stage appends to one chain, and an
/// instruction's scope is a position in it. [`Scopes::finish`] freezes the chains and hands out the views.
#[derive(Default)]
pub(crate) struct Scopes {
    chains: Vec<Building>,
}

struct Building {
    parent: Option<At>,
    log: Log,
}

/// A position in [`Scopes`]: the first `len` bindings of chain `chain`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) struct At {
    chain: usize,
    len: usize,
}

impl Scopes {
    /// A new, empty scope (a stage on an image or `scratch`).
    pub(crate) fn empty(&mut self) -> At {
        self.chains.push(Building {
            parent: None,
            log: Log::default(),
        });
        At {
            chain: self.chains.len() - 1,
            len: 0,
        }
    }

    /// A stage built on another starts from that stage's final scope: it continues the same chain when nothing
    /// was appended after it, else it starts a chain on top of it.
    pub(crate) fn inherit(&mut self, parent: At) -> At {
        if self.chains[parent.chain].log.bindings.len() == parent.len {
            return parent;
        }
        self.chains.push(Building {
            parent: Some(parent),
            log: Log::default(),
        });
        At {
            chain: self.chains.len() - 1,
            len: 0,
        }
    }

    pub(crate) fn declare_arg(
        &mut self,
        at: &mut At,
        name: &str,
        value: Option<String>,
        global_args: &[(String, Option<String>)],
    ) {
        let value = value.or_else(|| global_default(name, global_args));
        self.put(at, name, value, VarKind::Arg);
    }

    pub(crate) fn set(&mut self, at: &mut At, name: &str, value: Option<String>) {
        self.put(at, name, value, VarKind::Env);
    }

    fn put(&mut self, at: &mut At, name: &str, value: Option<String>, kind: VarKind) {
        if self.chains[at.chain].log.bindings.len() != at.len {
            *at = self.inherit(*at);
        }
        let log = &mut self.chains[at.chain].log;
        log.push(Binding {
            name: name.to_string(),
            value,
            kind,
        });
        at.len = log.bindings.len();
    }

    pub(crate) fn get(&self, at: At, name: &str) -> Option<&str> {
        let chain = &self.chains[at.chain];
        match chain.log.find(name, at.len) {
            Some(b) => b.value.as_deref(),
            None => chain.parent.and_then(|p| self.get(p, name)),
        }
    }

    /// Freeze every chain; the result turns positions into [`Scope`]s.
    pub(crate) fn finish(self) -> Frozen {
        let mut chains: Vec<Rc<Chain>> = Vec::with_capacity(self.chains.len());
        for building in self.chains {
            // A chain's parent is always an earlier chain, already frozen.
            let parent = building.parent.map(|p| view(&chains, p));
            chains.push(Rc::new(Chain {
                parent,
                log: building.log,
            }));
        }
        Frozen { chains }
    }
}

fn view(chains: &[Rc<Chain>], at: At) -> Scope {
    Scope {
        shared: chains.get(at.chain).map(|chain| View {
            chain: Rc::clone(chain),
            len: at.len,
        }),
        local: Vec::new(),
    }
}

pub(crate) struct Frozen {
    chains: Vec<Rc<Chain>>,
}

impl Frozen {
    pub(crate) fn scope(&self, at: At) -> Scope {
        view(&self.chains, at)
    }
}

/// Expand `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}` with `scope`.
/// Unknown variables (no value) are left as written so callers can tell the text is unresolved.
pub fn expand(text: &str, scope: &Scope) -> String {
    expand_with(text, &|name| scope.get(name))
}

/// [`expand`] with any lookup (the model expands with the scope it is still building).
pub(crate) fn expand_with<'v>(text: &str, lookup: &dyn Fn(&str) -> Option<&'v str>) -> String {
    if !text.contains('$') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        if let Some(inner) = after.strip_prefix('{') {
            let Some(close) = inner.find('}') else {
                out.push_str(&rest[pos..]);
                return out;
            };
            let expr = &inner[..close];
            out.push_str(&expand_braced(expr, lookup).unwrap_or_else(|| format!("${{{expr}}}")));
            rest = &inner[close + 1..];
        } else {
            let len = after
                .char_indices()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(after.len(), |(i, _)| i);
            let name = &after[..len];
            match (name.is_empty(), lookup(name)) {
                (true, _) => out.push('$'),
                (false, Some(value)) => out.push_str(value),
                (false, None) => {
                    out.push('$');
                    out.push_str(name);
                }
            }
            rest = &after[len..];
        }
    }
    out.push_str(rest);
    out
}

fn expand_braced<'v>(expr: &str, lookup: &dyn Fn(&str) -> Option<&'v str>) -> Option<String> {
    let name_len = expr
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(expr.len(), |(i, _)| i);
    let (name, op) = expr.split_at(name_len);
    let value = lookup(name);
    let set = value.is_some_and(|v| !v.is_empty());
    if op.is_empty() {
        return value.map(str::to_string);
    }
    for (prefix, needs_nonempty) in [(":-", true), ("-", false)] {
        if let Some(default) = op.strip_prefix(prefix) {
            let present = if needs_nonempty { set } else { value.is_some() };
            return Some(if present {
                value.unwrap_or("").to_string()
            } else {
                expand_with(default, lookup)
            });
        }
    }
    for (prefix, needs_nonempty) in [(":+", true), ("+", false)] {
        if let Some(alt) = op.strip_prefix(prefix) {
            let present = if needs_nonempty { set } else { value.is_some() };
            return Some(if present {
                expand_with(alt, lookup)
            } else {
                String::new()
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(pairs: &[(&str, &str)]) -> Scope {
        let args: Vec<_> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Some(v.to_string())))
            .collect();
        Scope::from_args(&args)
    }

    #[test]
    fn expands_plain_braced_and_default_forms() {
        let s = scope(&[("TAG", "3.12"), ("EMPTY", "")]);
        assert_eq!(expand("python:$TAG", &s), "python:3.12");
        assert_eq!(expand("python:${TAG}-slim", &s), "python:3.12-slim");
        assert_eq!(expand("${MISSING:-alpine}", &s), "alpine");
        assert_eq!(expand("${EMPTY:-x}", &s), "x");
        assert_eq!(expand("${EMPTY-x}", &s), "");
        assert_eq!(expand("${TAG:+yes}", &s), "yes");
        assert_eq!(expand("${MISSING:+yes}", &s), "");
    }

    #[test]
    fn leaves_unknown_variables_as_written() {
        let s = scope(&[]);
        assert_eq!(expand("$BASE:${TAG}", &s), "$BASE:${TAG}");
        assert_eq!(expand("cost $5 ${", &s), "cost $5 ${");
    }
}
