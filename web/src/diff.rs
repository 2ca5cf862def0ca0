//! A small line diff (longest common subsequence over lines) for the rewrite panel.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Same,
    Removed,
    Added,
}

/// One line of a unified diff: what happened, the old and new line numbers (1-based) and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub op: Op,
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub text: &'a str,
}

/// Above this many cells the LCS table is not built: the diff is then one block removed, one block added.
const MAX_CELLS: usize = 4_000_000;

pub fn diff<'a>(before: &'a str, after: &'a str) -> Vec<Line<'a>> {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    // Common prefix and suffix first: rewrites usually touch few lines.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    for (i, text) in a.iter().enumerate().take(prefix) {
        out.push(Line {
            op: Op::Same,
            old: Some(i + 1),
            new: Some(i + 1),
            text,
        });
    }
    let (n, m) = (am.len(), bm.len());
    let (mut i, mut j) = (0, 0);
    let push = |out: &mut Vec<Line<'a>>, op: Op, i: usize, j: usize| {
        let (old, new) = (prefix + i + 1, prefix + j + 1);
        out.push(match op {
            Op::Same => Line {
                op,
                old: Some(old),
                new: Some(new),
                text: am[i],
            },
            Op::Removed => Line {
                op,
                old: Some(old),
                new: None,
                text: am[i],
            },
            Op::Added => Line {
                op,
                old: None,
                new: Some(new),
                text: bm[j],
            },
        });
    };
    if (n + 1) * (m + 1) <= MAX_CELLS {
        // lcs[i][j] = length of the LCS of am[i..] and bm[j..].
        let w = m + 1;
        let mut lcs = vec![0u32; (n + 1) * w];
        for x in (0..n).rev() {
            for y in (0..m).rev() {
                lcs[x * w + y] = if am[x] == bm[y] {
                    lcs[(x + 1) * w + y + 1] + 1
                } else {
                    lcs[(x + 1) * w + y].max(lcs[x * w + y + 1])
                };
            }
        }
        while i < n && j < m {
            if am[i] == bm[j] {
                push(&mut out, Op::Same, i, j);
                i += 1;
                j += 1;
            } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
                push(&mut out, Op::Removed, i, j);
                i += 1;
            } else {
                push(&mut out, Op::Added, i, j);
                j += 1;
            }
        }
    }
    while i < n {
        push(&mut out, Op::Removed, i, j);
        i += 1;
    }
    while j < m {
        push(&mut out, Op::Added, i, j);
        j += 1;
    }
    for k in 0..suffix {
        let (x, y) = (a.len() - suffix + k, b.len() - suffix + k);
        out.push(Line {
            op: Op::Same,
            old: Some(x + 1),
            new: Some(y + 1),
            text: a[x],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(lines: &[Line]) -> String {
        lines
            .iter()
            .map(|l| {
                let sign = match l.op {
                    Op::Same => ' ',
                    Op::Removed => '-',
                    Op::Added => '+',
                };
                format!("{sign}{}\n", l.text)
            })
            .collect()
    }

    #[test]
    fn identical_texts_have_no_changes() {
        let d = diff("a\nb\n", "a\nb\n");
        assert!(d.iter().all(|l| l.op == Op::Same));
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn a_changed_line_is_removed_then_added() {
        assert_eq!(render(&diff("a\nb\nc\n", "a\nB\nc\n")), " a\n-b\n+B\n c\n");
    }

    #[test]
    fn insertions_and_deletions_keep_line_numbers() {
        let d = diff("FROM x\nRUN a\nCMD b\n", "FROM x\nENV P=1\nRUN a\n");
        assert_eq!(render(&d), " FROM x\n+ENV P=1\n RUN a\n-CMD b\n");
        assert_eq!(d[1].new, Some(2));
        assert_eq!(d[3].old, Some(3));
    }

    #[test]
    fn empty_sides() {
        assert_eq!(render(&diff("", "a\n")), "+a\n");
        assert_eq!(render(&diff("a\n", "")), "-a\n");
        assert!(diff("", "").is_empty());
    }
}
