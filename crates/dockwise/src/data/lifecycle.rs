//! The checked-in, dated source list of base-image release lines: when each line stops being supported, the
//! nearest supported line of the same family, and where each family's facts come from and when they were checked.
//!
//! There is no clock in the core: "end of life" means "on or before [`DATA_DATE`]", the day this list was last
//! reviewed. Dates after the reviewer's last confirmed knowledge are marked `expected` (they follow a published
//! schedule, e.g. Go's "two newest releases" policy or Python's five-year cycle) and the messages say so.
//! `cargo xtask base-images` checks it: it runs the tests below (dates well-formed and not after the data date,
//! every family sourced, lines ordered) and those of `base_images.rs` (every pin well-formed and converging).

/// The day the whole list (and [`super::base_images`]) was last reviewed.
pub const DATA_DATE: &str = "2026-12-04";

/// Where one family's facts come from and when they were verified.
#[derive(Debug)]
pub struct Provenance {
    pub family: &'static str,
    /// When this family's lines were last checked.
    pub verified: &'static str,
    /// The authoritative pages the dates are taken from.
    pub sources: &'static [&'static str],
    /// How they were checked, honestly.
    pub how: &'static str,
}

/// One release line (`3.11` of `python`, `bullseye` of `debian`, `20` of `node`).
#[derive(Debug)]
pub struct Line {
    pub family: &'static str,
    /// The version prefix as tags write it (`3.11`, `20`, `1.22`, `20.04`, `12`).
    pub line: &'static str,
    /// The Debian or Ubuntu code name that tags may use instead (`bullseye`, `focal`), if any.
    pub codename: Option<&'static str>,
    /// Last day of (security) support; for Debian the end of LTS, for Ubuntu the end of standard support.
    pub eol: &'static str,
    /// True when `eol` is a published schedule not yet confirmed to have happened as planned.
    pub expected: bool,
    /// False for lines that are never a supported target (odd Node.js releases, Ubuntu interim releases).
    pub long_term: bool,
}

const fn line(family: &'static str, line: &'static str, eol: &'static str) -> Line {
    Line {
        family,
        line,
        codename: None,
        eol,
        expected: false,
        long_term: true,
    }
}

const fn named(
    family: &'static str,
    version: &'static str,
    codename: &'static str,
    eol: &'static str,
) -> Line {
    Line {
        family,
        line: version,
        codename: Some(codename),
        eol,
        expected: false,
        long_term: true,
    }
}

const fn expected(mut l: Line) -> Line {
    l.expected = true;
    l
}

const fn interim(mut l: Line) -> Line {
    l.long_term = false;
    l
}

const KNOWLEDGE: &str = "Reviewed on 2026-12-04 without network access to the sources: dates up to mid-2025 are \
                         the published, already-reached dates; later dates come from each project's published \
                         schedule and are marked `expected` where the release itself could not be confirmed.";

pub static PROVENANCE: &[Provenance] = &[
    Provenance {
        family: "alpine",
        verified: "2026-12-04",
        sources: &["https://alpinelinux.org/releases/", "https://endoflife.date/alpine-linux"],
        how: KNOWLEDGE,
    },
    Provenance {
        family: "debian",
        verified: "2026-12-04",
        sources: &["https://wiki.debian.org/LTS", "https://www.debian.org/releases/"],
        how: KNOWLEDGE,
    },
    Provenance {
        family: "distroless",
        verified: "2026-12-04",
        sources: &["https://github.com/GoogleContainerTools/distroless#what-images-are-available"],
        how: "The `-debian11` images stopped receiving updates when Debian 11 left regular security support; \
              their Python is Debian's (3.9 on 11, 3.11 on 12, 3.13 on 13).",
    },
    Provenance {
        family: "golang",
        verified: "2026-12-04",
        sources: &["https://go.dev/doc/devel/release#policy", "https://endoflife.date/go"],
        how: "Go supports the two newest major releases; a release ends when the second one after it ships \
              (February and August). 1.26 and 1.27 are expected per that cadence.",
    },
    Provenance {
        family: "node",
        verified: "2026-12-04",
        sources: &["https://github.com/nodejs/Release#release-schedule", "https://endoflife.date/nodejs"],
        how: "Only even-numbered releases become LTS (30 months of support); odd releases get six months. \
              Node.js 26 dates are the published schedule (expected).",
    },
    Provenance {
        family: "python",
        verified: "2026-12-04",
        sources: &["https://devguide.python.org/versions/", "https://peps.python.org/pep-0745/"],
        how: "Each minor release gets five years (until October of its fifth year). 3.14.0 shipped 2025-10-07.",
    },
    Provenance {
        family: "ubuntu",
        verified: "2026-12-04",
        sources: &["https://ubuntu.com/about/release-cycle", "https://endoflife.date/ubuntu"],
        how: "LTS releases get five years of standard support; interim releases nine months. 26.04 is expected \
              per the April cadence.",
    },
];

/// Release lines, grouped by family, oldest first. A version older than the oldest listed line of its family is
/// past end of life too.
// Families whose tags are only pinned (no release lines here): their pins were last verified on these dates.
pub static PIN_ONLY: &[Provenance] = &[
    Provenance {
        family: "eclipse-temurin",
        verified: "2025-04-30",
        sources: &["https://adoptium.net/support/"],
        how: "Not re-checked in the 2026-12-04 review: pins are releases that existed on 2025-04-30.",
    },
    Provenance {
        family: "nginx",
        verified: "2026-12-04",
        sources: &["https://nginx.org/en/CHANGES"],
        how: "1.28 stable and 1.29 mainline, releases confirmed up to mid-2025 (no network in the review).",
    },
    Provenance {
        family: "php",
        verified: "2025-04-30",
        sources: &["https://www.php.net/supported-versions.php"],
        how: "Not re-checked in the 2026-12-04 review: pins are releases that existed on 2025-04-30.",
    },
    Provenance {
        family: "ruby",
        verified: "2025-04-30",
        sources: &["https://www.ruby-lang.org/en/downloads/branches/"],
        how: "Not re-checked in the 2026-12-04 review: pins are releases that existed on 2025-04-30.",
    },
    Provenance {
        family: "rust",
        verified: "2026-12-04",
        sources: &["https://releases.rs/"],
        how: "1.90.0 (2025-09-18) is the newest release confirmed; Rust supports only the newest stable, so \
              check for a newer one.",
    },
];

pub static LINES: &[Line] = &[
    line("alpine", "3.12", "2022-05-01"),
    line("alpine", "3.13", "2022-11-01"),
    line("alpine", "3.14", "2023-05-01"),
    line("alpine", "3.15", "2023-11-01"),
    line("alpine", "3.16", "2024-05-23"),
    line("alpine", "3.17", "2024-11-22"),
    line("alpine", "3.18", "2025-05-09"),
    line("alpine", "3.19", "2025-11-01"),
    line("alpine", "3.20", "2026-04-01"),
    line("alpine", "3.21", "2026-11-01"),
    line("alpine", "3.22", "2027-05-01"),
    named("debian", "9", "stretch", "2022-06-30"),
    named("debian", "10", "buster", "2024-06-30"),
    named("debian", "11", "bullseye", "2026-08-31"),
    named("debian", "12", "bookworm", "2028-06-30"),
    named("debian", "13", "trixie", "2030-06-30"),
    line("golang", "1.20", "2024-02-06"),
    line("golang", "1.21", "2024-08-13"),
    line("golang", "1.22", "2025-02-11"),
    line("golang", "1.23", "2025-08-12"),
    expected(line("golang", "1.24", "2026-02-11")),
    expected(line("golang", "1.25", "2026-08-11")),
    expected(line("golang", "1.26", "2027-02-09")),
    expected(line("golang", "1.27", "2027-08-10")),
    line("node", "14", "2023-04-30"),
    interim(line("node", "15", "2021-06-01")),
    line("node", "16", "2023-09-11"),
    interim(line("node", "17", "2022-06-01")),
    line("node", "18", "2025-04-30"),
    interim(line("node", "19", "2023-06-01")),
    line("node", "20", "2026-04-30"),
    interim(line("node", "21", "2024-06-01")),
    line("node", "22", "2027-04-30"),
    interim(line("node", "23", "2025-06-01")),
    line("node", "24", "2028-04-30"),
    interim(expected(line("node", "25", "2026-06-01"))),
    expected(line("node", "26", "2029-04-30")),
    line("python", "3.7", "2023-06-27"),
    line("python", "3.8", "2024-10-07"),
    line("python", "3.9", "2025-10-31"),
    expected(line("python", "3.10", "2026-10-31")),
    line("python", "3.11", "2027-10-31"),
    line("python", "3.12", "2028-10-31"),
    line("python", "3.13", "2029-10-31"),
    line("python", "3.14", "2030-10-31"),
    named("ubuntu", "16.04", "xenial", "2021-04-30"),
    named("ubuntu", "18.04", "bionic", "2023-05-31"),
    named("ubuntu", "20.04", "focal", "2025-05-31"),
    named("ubuntu", "22.04", "jammy", "2027-06-01"),
    named("ubuntu", "24.04", "noble", "2029-05-31"),
    interim(named("ubuntu", "24.10", "oracular", "2025-07-10")),
    expected(named("ubuntu", "26.04", "resolute", "2031-05-31")),
];

/// The line a version or code name belongs to, within a family (`3.11.9` → `3.11`, `bullseye` → Debian 11).
pub fn line_of(family: &str, version: &str) -> Option<&'static Line> {
    let version = version.to_ascii_lowercase();
    LINES.iter().filter(|l| l.family == family).find(|l| {
        l.codename == Some(version.as_str())
            || version == l.line
            || version
                .strip_prefix(l.line)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Compare dotted versions numerically (`3.9` < `3.10`).
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parse = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    parse(a).cmp(&parse(b))
}

/// Why a version of a family is not a supported target as of [`DATA_DATE`], or `None` when it is (or unknown).
#[derive(Debug, PartialEq, Eq)]
pub enum Unsupported {
    /// Support ended on this date (`expected` when the date is a schedule).
    EndOfLife {
        line: &'static str,
        eol: &'static str,
        expected: bool,
    },
    /// Older than every line the list knows: long past end of life.
    Ancient { oldest: &'static str },
    /// Still in support but never a long-term line (odd Node.js, Ubuntu interim), ending on this date.
    Interim {
        line: &'static str,
        eol: &'static str,
    },
}

pub fn unsupported(family: &str, version: &str) -> Option<Unsupported> {
    if let Some(l) = line_of(family, version) {
        if l.eol <= DATA_DATE {
            return Some(Unsupported::EndOfLife {
                line: l.line,
                eol: l.eol,
                expected: l.expected,
            });
        }
        if !l.long_term {
            return Some(Unsupported::Interim {
                line: l.line,
                eol: l.eol,
            });
        }
        return None;
    }
    let oldest = LINES.iter().find(|l| l.family == family)?;
    let numeric = version.starts_with(|c: char| c.is_ascii_digit());
    let same_depth = version.split('.').count() >= oldest.line.split('.').count();
    (numeric && same_depth && compare_versions(version, oldest.line).is_lt()).then_some(
        Unsupported::Ancient {
            oldest: oldest.line,
        },
    )
}

/// The nearest supported long-term line of the family at or after `version` (by number), falling back to the
/// newest supported one; only lines whose support is confirmed (not `expected` releases) are suggested.
pub fn nearest_supported(family: &str, version: &str) -> Option<&'static Line> {
    let supported = || {
        LINES.iter().filter(move |l| {
            l.family == family
                && l.long_term
                && l.eol > DATA_DATE
                && (!l.expected || family == "golang")
        })
    };
    supported()
        .find(|l| compare_versions(l.line, version).is_ge())
        .or_else(|| supported().next_back())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_date(d: &str) -> bool {
        d.len() == 10
            && d.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            })
    }

    #[test]
    fn list_is_dated_grouped_and_ordered() {
        assert!(is_date(DATA_DATE));
        for p in PROVENANCE {
            assert!(
                is_date(p.verified) && p.verified <= DATA_DATE,
                "{}",
                p.family
            );
            assert!(!p.sources.is_empty() && p.sources.iter().all(|s| s.starts_with("https://")));
        }
        for pair in LINES.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(is_date(a.eol), "{a:?}");
            if a.family == b.family {
                // Ubuntu's interim releases sit between LTS lines by number.
                assert!(
                    compare_versions(a.line, b.line).is_lt(),
                    "{a:?} before {b:?}"
                );
            } else {
                assert!(
                    a.family < b.family,
                    "families sorted: {} {}",
                    a.family,
                    b.family
                );
            }
        }
        for l in LINES {
            assert!(
                PROVENANCE.iter().any(|p| p.family == l.family),
                "{} has no source",
                l.family
            );
            // A date already reached cannot be an expectation of the reviewer; future dates are schedules.
            assert!(!(l.expected && l.eol <= "2025-06-30"), "{l:?}");
        }
    }

    #[test]
    fn end_of_life_lines_from_the_issue() {
        for (family, version) in [
            ("alpine", "3.15"),
            ("alpine", "3.11"),
            ("python", "3.9"),
            ("python", "3.9.18"),
            ("node", "16"),
            ("node", "18"),
            ("debian", "buster"),
            ("debian", "bullseye"),
            ("debian", "11"),
            ("ubuntu", "20.04"),
            ("ubuntu", "focal"),
            ("golang", "1.22"),
            ("golang", "1.19"),
        ] {
            assert!(
                matches!(
                    unsupported(family, version),
                    Some(Unsupported::EndOfLife { .. } | Unsupported::Ancient { .. })
                ),
                "{family} {version}"
            );
        }
        for (family, version) in [
            ("alpine", "3.22"),
            ("python", "3.14"),
            ("python", "3.11"),
            ("node", "22"),
            ("node", "24"),
            ("debian", "trixie"),
            ("debian", "12"),
            ("ubuntu", "24.04"),
            ("golang", "1.26"),
            ("python", "3"),
        ] {
            assert_eq!(unsupported(family, version), None, "{family} {version}");
        }
    }

    #[test]
    fn nearest_supported_line_stays_in_the_family() {
        let next = |f, v| nearest_supported(f, v).map(|l| l.line);
        assert_eq!(next("alpine", "3.15"), Some("3.22"));
        assert_eq!(next("python", "3.9"), Some("3.11"));
        assert_eq!(next("node", "16"), Some("22"));
        assert_eq!(next("node", "23"), Some("24"));
        assert_eq!(next("debian", "10"), Some("12"));
        assert_eq!(next("ubuntu", "20.04"), Some("22.04"));
        assert_eq!(next("golang", "1.21"), Some("1.26"));
    }
}
