//! What some fixes save, measured once and dated. Sizes are installed (uncompressed) megabytes on disk.
//!
//! Measured on 2026-12-04 in Debian 12 (bookworm) minbase root file systems made with mmdebstrap, by installing each
//! package with and without recommends and comparing `du -sm /`, and by measuring `/var/lib/apt/lists`, pip's and
//! npm's caches after the install. Alpine was not measured: fixes on Alpine get a note without a number.

/// When these numbers were measured.
pub const MEASURED: &str = "2026-12-04";

/// `/var/lib/apt/lists` after `apt-get update` in the official Debian images, which keep the lists gzipped
/// (`Acquire::GzipIndexes`): about 19 MB. A minbase root file system that stores them uncompressed holds about 80.
pub const APT_LISTS_MB: u32 = 19;

/// What installing a package *with* its recommends adds on top of installing it without them.
pub const RECOMMENDS_EXTRA_MB: &[(&str, u32)] = &[
    ("python3-pip", 363),
    ("gcc", 79),
    ("build-essential", 76),
    ("g++", 56),
    ("python3-dev", 55),
    ("git", 12),
    ("curl", 1),
];

/// What a build-only package installs (without recommends): the space freed by leaving it out of the final image.
pub const BUILD_PACKAGE_MB: &[(&str, u32)] = &[
    ("build-essential", 255),
    ("g++", 248),
    ("gcc", 171),
    ("python3-dev", 84),
    ("default-libmysqlclient-dev", 45),
    ("libpq-dev", 24),
];

/// pip's cache after installing these requirements: about the size of the downloaded wheels.
pub const PIP_CACHE_MB: &[(&str, u32)] =
    &[("pandas", 14), ("numpy", 14), ("flask", 1), ("gunicorn", 1)];

/// npm's cache (`~/.npm/_cacache`) after `npm install express`.
pub const NPM_CACHE_EXPRESS_MB: u32 = 6;

/// Look a package up in one of the tables above.
pub fn lookup(table: &[(&str, u32)], package: &str) -> Option<u32> {
    table
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(package))
        .map(|(_, mb)| *mb)
}
