//! A small unified diff (`diff -u` shape, 3 lines of context) for `dockwise fix --diff`. Dockerfiles are short and
//! fixes touch few lines, so a longest-common-subsequence table over the lines between the common prefix and
//! suffix is plenty; that keeps the CLI free of a diff crate for one routine.

use std::fmt::Write;

const CONTEXT: usize = 3;
/// Beyond this many cells the middle is shown as one replacement rather than spending the memory.
const MAX_TABLE: usize = 4_000_000;

#[derive(Copy, Clone, Debug, PartialEq)]
enum Op {
    Same(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// The unified diff turning `old` into `new`, or an empty string when they are equal.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = diff_lines(&a, &b);
    let mut out = String::new();
    let _ = writeln!(out, "--- {old_name}\n+++ {new_name}");
    // Group changes into hunks with CONTEXT lines around them.
    let changes: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut i = 0;
    while i < changes.len() {
        let start = changes[i].saturating_sub(CONTEXT);
        let mut end = changes[i];
        while i < changes.len() && changes[i] <= end + 2 * CONTEXT + 1 {
            end = changes[i];
            i += 1;
        }
        let end = (end + CONTEXT + 1).min(ops.len());
        hunk(&mut out, &ops[start..end], &a, &b);
    }
    out
}

fn hunk(out: &mut String, ops: &[Op], a: &[&str], b: &[&str]) {
    let (mut old_start, mut new_start) = (None, None);
    let (mut old_len, mut new_len) = (0, 0);
    for op in ops {
        match *op {
            Op::Same(i, j) => {
                old_start.get_or_insert(i);
                new_start.get_or_insert(j);
                old_len += 1;
                new_len += 1;
            }
            Op::Delete(i) => {
                old_start.get_or_insert(i);
                old_len += 1;
            }
            Op::Insert(j) => {
                new_start.get_or_insert(j);
                new_len += 1;
            }
        }
    }
    // With no line on one side (an empty file), that side's header is `0,0`.
    let at = |start: Option<usize>, len: usize| match start {
        Some(s) if len > 0 => s + 1,
        _ => 0,
    };
    let _ = writeln!(
        out,
        "@@ -{},{} +{},{} @@",
        at(old_start, old_len),
        old_len,
        at(new_start, new_len),
        new_len
    );
    for op in ops {
        let (mark, line) = match *op {
            Op::Same(i, _) => (' ', a[i]),
            Op::Delete(i) => ('-', a[i]),
            Op::Insert(j) => ('+', b[j]),
        };
        out.push(mark);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    if am.len().saturating_mul(bm.len()) > MAX_TABLE {
        ops.extend((0..am.len()).map(|i| Op::Delete(prefix + i)));
        ops.extend((0..bm.len()).map(|j| Op::Insert(prefix + j)));
    } else {
        // lcs[i][j] = length of the LCS of am[i..] and bm[j..].
        let w = bm.len() + 1;
        let mut lcs = vec![0u32; (am.len() + 1) * w];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                ops.push(Op::Same(prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if j < bm.len() && (i == am.len() || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])
            {
                // Deletions first, then insertions, as `diff -u` prints them.
                if i < am.len() && lcs[(i + 1) * w + j] == lcs[i * w + j] {
                    ops.push(Op::Delete(prefix + i));
                    i += 1;
                } else {
                    ops.push(Op::Insert(prefix + j));
                    j += 1;
                }
            } else {
                ops.push(Op::Delete(prefix + i));
                i += 1;
            }
        }
    }
    let (an, bn) = (a.len() - suffix, b.len() - suffix);
    ops.extend((0..suffix).map(|k| Op::Same(an + k, bn + k)));
    ops
}

/// Apply a unified diff produced by [`unified`] to `old` (used by the tests to prove the diff is right).
#[cfg(test)]
pub fn apply(old: &str, diff: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut at = 0;
    let mut lines = diff.split_inclusive('\n').skip(2).peekable();
    while let Some(line) = lines.next() {
        if let Some(header) = line.strip_prefix("@@ -") {
            let start: usize = header.split([',', ' ']).next().unwrap().parse().unwrap();
            let len: usize = header.split([',', ' ']).nth(1).unwrap().parse().unwrap();
            let start = if len == 0 { start } else { start - 1 };
            while at < start {
                out.push_str(a[at]);
                at += 1;
            }
            continue;
        }
        let no_newline = lines.peek().is_some_and(|l| l.starts_with('\\'));
        let body = &line[1..];
        let body = if no_newline {
            body.strip_suffix('\n').unwrap()
        } else {
            body
        };
        match line.as_bytes()[0] {
            b' ' => {
                out.push_str(body);
                at += 1;
            }
            b'-' => at += 1,
            b'+' => out.push_str(body),
            _ => {}
        }
        if no_newline {
            lines.next();
        }
    }
    while at < a.len() {
        out.push_str(a[at]);
        at += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(old: &str, new: &str) {
        let d = unified(old, new, "a", "b");
        assert_eq!(apply(old, &d), new, "diff:\n{d}");
    }

    #[test]
    fn shows_a_changed_line_with_context() {
        let old = "FROM a\nRUN 1\nRUN 2\nRUN 3\nRUN 4\nRUN 5\n";
        let new = "FROM a\nRUN 1\nRUN 2\nRUN three\nRUN 4\nRUN 5\n";
        assert_eq!(
            unified(old, new, "a/Dockerfile", "b/Dockerfile"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,6 +1,6 @@\n FROM a\n RUN 1\n RUN 2\n-RUN 3\n+RUN three\n RUN 4\n RUN 5\n"
        );
    }

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a\n", "a\n", "x", "y"), "");
    }

    #[test]
    fn round_trips_many_shapes() {
        let texts = [
            "",
            "a\n",
            "a",
            "a\nb\nc\n",
            "x\na\nb\nc\n",
            "a\nb\nc\nx\n",
            "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n",
            "1\n2\nX\n4\n5\n6\n7\n8\n9\n10\n11\n12\nY\n14\n15\n",
            "1\n2\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16",
        ];
        for old in texts {
            for new in texts {
                round_trip(old, new);
            }
        }
    }
}
