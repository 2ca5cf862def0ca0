//! Variables in scope (`ARG`, `ENV`) and `$VAR` expansion as Docker does it for instruction arguments.

/// Variables visible at one instruction. `None` value: declared without a known value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scope {
    vars: Vec<(String, Option<String>, VarKind)>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum VarKind {
    Arg,
    Env,
}

impl Scope {
    /// Scope from global `ARG`s, as used by `FROM` lines.
    pub fn from_args(args: &[(String, Option<String>)]) -> Scope {
        Scope {
            vars: args
                .iter()
                .map(|(k, v)| (k.clone(), v.clone(), VarKind::Arg))
                .collect(),
        }
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
        let value = value.or_else(|| {
            global_args
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.clone())
        });
        self.put(name, value, VarKind::Arg);
    }

    /// `ENV NAME=value`.
    pub fn set(&mut self, name: &str, value: Option<String>) {
        self.put(name, value, VarKind::Env);
    }

    fn put(&mut self, name: &str, value: Option<String>, kind: VarKind) {
        self.vars.retain(|(k, _, _)| k != name);
        self.vars.push((name.to_string(), value, kind));
    }

    pub fn is_defined(&self, name: &str) -> bool {
        self.vars.iter().any(|(k, _, _)| k == name)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .iter()
            .find(|(k, _, _)| k == name)
            .and_then(|(_, v, _)| v.as_deref())
    }

    pub fn kind(&self, name: &str) -> Option<VarKind> {
        self.vars.iter().find(|(k, _, _)| k == name).map(|v| v.2)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.iter().map(|(k, _, _)| k.as_str())
    }
}

/// Expand `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}` with `scope`.
/// Unknown variables (no value) are left as written so callers can tell the text is unresolved.
pub fn expand(text: &str, scope: &Scope) -> String {
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
            out.push_str(&expand_braced(expr, scope).unwrap_or_else(|| format!("${{{expr}}}")));
            rest = &inner[close + 1..];
        } else {
            let len = after
                .char_indices()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(after.len(), |(i, _)| i);
            let name = &after[..len];
            match (name.is_empty(), scope.get(name)) {
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

fn expand_braced(expr: &str, scope: &Scope) -> Option<String> {
    let name_len = expr
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(expr.len(), |(i, _)| i);
    let (name, op) = expr.split_at(name_len);
    let value = scope.get(name);
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
                expand(default, scope)
            });
        }
    }
    for (prefix, needs_nonempty) in [(":+", true), ("+", false)] {
        if let Some(alt) = op.strip_prefix(prefix) {
            let present = if needs_nonempty { set } else { value.is_some() };
            return Some(if present {
                expand(alt, scope)
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
