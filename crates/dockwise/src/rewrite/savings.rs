//! What a change saves in the image, from the measured table in [`crate::data::savings`]: a number where the
//! packages are known, a note where they are not. Shown beside each change of the rewrite.

use crate::data::savings::{
    lookup, APT_LISTS_MB, BUILD_PACKAGE_MB, MEASURED, NPM_CACHE_EXPRESS_MB, PIP_CACHE_MB,
    RECOMMENDS_EXTRA_MB,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saving {
    /// About how many megabytes (installed size) the change keeps out of the image; `None` when the packages
    /// involved were not measured. Where only some were, this counts those: the saving is at least this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mb: Option<u32>,
    /// What is saved, for people ("apt's package lists no longer stay in the layer").
    pub note: String,
}

/// The saving of a change that resolves `rules`' findings in the instruction whose text is `instruction`.
pub fn saving(rules: &[String], instruction: &str) -> Option<Saving> {
    let has = |code: &str| rules.iter().any(|r| r == code);
    let text = instruction.replace("\\\r\n", " ").replace("\\\n", " ");
    if has("DW2015") {
        let (mb, unknown) = sum(&packages_after(&text, &["install"]), RECOMMENDS_EXTRA_MB);
        return Some(Saving {
            mb: nonzero(mb),
            note: format!(
                "recommended packages are no longer installed{}",
                measured_note(mb, unknown, "with recommends")
            ),
        });
    }
    if has("DW2009") {
        return Some(Saving {
            mb: Some(APT_LISTS_MB),
            note: format!(
                "apt's package lists no longer stay in the layer (about {APT_LISTS_MB} MB in the official \
                 Debian images, measured {MEASURED})"
            ),
        });
    }
    if has("DW1008") {
        let removed = packages_after(&text, &["purge", "remove", "del"]);
        let (mb, unknown) = sum(&removed, BUILD_PACKAGE_MB);
        let lists = text.contains("/var/lib/apt/lists");
        let total = mb + if lists { APT_LISTS_MB } else { 0 };
        return Some(Saving {
            mb: nonzero(total),
            note: format!(
                "what the cleanup removes is no longer kept by an earlier layer{}",
                measured_note(total, unknown, "of removed packages")
            ),
        });
    }
    if has("DW2042") {
        let named = packages_after(&text, &["install"]);
        let (mb, unknown) = sum(&named, PIP_CACHE_MB);
        let from_file = text.contains(" -r ") || text.contains("--requirement");
        return Some(Saving {
            mb: nonzero(mb),
            note: if from_file && mb == 0 {
                "pip's cache of downloaded packages no longer stays in the layer (about the size of the \
                 downloads: 28 MB for numpy and pandas)"
                    .to_string()
            } else {
                format!(
                    "pip's cache of downloaded packages no longer stays in the layer{}",
                    measured_note(mb, unknown, "of downloads")
                )
            },
        });
    }
    if has("DW1009") && text.contains("npm ") {
        return Some(Saving {
            mb: None,
            note: format!(
                "npm's download cache no longer stays in the layer (about the size of the downloads: \
                 {NPM_CACHE_EXPRESS_MB} MB for express)"
            ),
        });
    }
    if has("DW2019") {
        return Some(Saving {
            mb: None,
            note: "apk's package index no longer stays in the layer (not measured on Alpine)"
                .to_string(),
        });
    }
    None
}

fn nonzero(mb: u32) -> Option<u32> {
    (mb > 0).then_some(mb)
}

fn measured_note(mb: u32, unknown: usize, what: &str) -> String {
    match (mb, unknown) {
        (0, _) => String::new(),
        (mb, 0) => format!(" (about {mb} MB {what}, measured {MEASURED} on Debian 12)"),
        (mb, _) => format!(
            " (at least {mb} MB {what} for the packages measured {MEASURED} on Debian 12; the others add more)"
        ),
    }
}

/// Known megabytes of `packages`, and how many were not in `table`.
fn sum(packages: &[&str], table: &[(&str, u32)]) -> (u32, usize) {
    let mut total = 0;
    let mut unknown = 0;
    for package in packages {
        match lookup(table, package) {
            Some(mb) => total += mb,
            None => unknown += 1,
        }
    }
    (total, unknown)
}

/// The package names after a sub-command (`apt-get install -y a b=1.0` gives `a`, `b`), up to the end of that
/// command. Versions (`=1.0`, `==2`) and options are dropped.
fn packages_after<'a>(text: &'a str, verbs: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut collecting = false;
    for word in text.split_whitespace() {
        if matches!(word, "&&" | "||" | ";" | "|") || word.ends_with(';') {
            collecting = false;
            continue;
        }
        if verbs.contains(&word) {
            collecting = true;
            continue;
        }
        if collecting && !word.starts_with('-') && !word.starts_with('$') {
            let name = word.split(['=', '<', '>', '[']).next().unwrap_or(word);
            let name = name.trim_matches(|c| c == '"' || c == '\'');
            if !name.is_empty() && !name.contains('/') {
                out.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(c: &str) -> Vec<String> {
        vec![c.to_string()]
    }

    #[test]
    fn recommends_sum_the_measured_packages() {
        let s = saving(
            &codes("DW2015"),
            "RUN apt-get update && apt-get install -y \\\n    gcc git=1:2.39 && echo done",
        )
        .unwrap();
        assert_eq!(s.mb, Some(79 + 12));
        assert!(s.note.contains("about 91 MB"), "{}", s.note);
    }

    #[test]
    fn unknown_packages_say_at_least() {
        let s = saving(&codes("DW2015"), "RUN apt-get install -y curl libfoo-dev").unwrap();
        assert_eq!(s.mb, Some(1));
        assert!(s.note.contains("at least 1 MB"), "{}", s.note);
        let none = saving(&codes("DW2015"), "RUN apt-get install -y libfoo").unwrap();
        assert_eq!(none.mb, None);
        assert!(!none.note.contains("MB"), "{}", none.note);
    }

    #[test]
    fn apt_lists_and_later_cleanup() {
        assert_eq!(
            saving(
                &codes("DW2009"),
                "RUN apt-get update && apt-get install -y x"
            )
            .unwrap()
            .mb,
            Some(APT_LISTS_MB)
        );
        let s = saving(
            &codes("DW1008"),
            "RUN apt-get purge -y gcc libpq-dev && rm -rf /var/lib/apt/lists/*",
        )
        .unwrap();
        assert_eq!(s.mb, Some(171 + 24 + APT_LISTS_MB));
    }

    #[test]
    fn pip_from_a_requirements_file_gets_a_note() {
        let s = saving(&codes("DW2042"), "RUN pip install -r requirements.txt").unwrap();
        assert_eq!(s.mb, None);
        assert!(s.note.contains("28 MB"), "{}", s.note);
        let named = saving(&codes("DW2042"), "RUN pip install numpy pandas==2.2").unwrap();
        assert_eq!(named.mb, Some(28));
    }

    #[test]
    fn rules_without_a_measure_save_nothing_listed() {
        assert_eq!(saving(&codes("DW3001"), "RUN cd /x"), None);
        assert_eq!(saving(&codes("DW1009"), "RUN composer install"), None);
    }

    #[test]
    fn package_words_stop_at_the_command_end() {
        assert_eq!(
            packages_after(
                "apt-get install -y a b=1 && rm -rf x; apt-get install c",
                &["install"]
            ),
            vec!["a", "b", "c"]
        );
    }
}
