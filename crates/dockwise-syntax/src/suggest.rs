//! "Did you mean ...?" for misspelled keywords.

use crate::ast::Keyword;

/// The keyword closest to `word`, when it is close enough to be a likely typo.
pub(crate) fn keyword_suggestion(word: &str) -> Option<Keyword> {
    if word.is_empty() || word.len() > 32 {
        return None;
    }
    let upper = word.to_ascii_uppercase();
    let limit = if upper.chars().count() <= 3 { 1 } else { 2 };
    Keyword::ALL
        .into_iter()
        .map(|k| (distance(&upper, k.as_str()), k))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Optimal string alignment distance: Levenshtein plus adjacent transpositions (`FORM` → `FROM` is 1).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(keyword_suggestion("FORM"), Some(Keyword::From));
        assert_eq!(keyword_suggestion("rn"), Some(Keyword::Run));
        assert_eq!(keyword_suggestion("COPPY"), Some(Keyword::Copy));
        assert_eq!(keyword_suggestion("ENTRYPIONT"), Some(Keyword::Entrypoint));
        assert_eq!(keyword_suggestion("apt-get"), None);
        assert_eq!(keyword_suggestion("XYZ"), None);
    }
}
