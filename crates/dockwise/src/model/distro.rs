//! The distro family behind a base image: it decides package managers, user-creation commands and caches.

use super::ImageName;
use dockwise_syntax::shell::ShellCommand;

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Distro {
    Alpine,
    /// Debian and Ubuntu (apt).
    Debian,
    /// RHEL, CentOS, Fedora, Rocky, Alma, Amazon Linux, UBI (yum/dnf/microdnf).
    Rhel,
    /// openSUSE/SLES (zypper).
    Suse,
    /// No shell, no package manager.
    Distroless,
    Scratch,
    Windows,
    Unknown,
}

impl Distro {
    pub fn as_str(self) -> &'static str {
        match self {
            Distro::Alpine => "alpine",
            Distro::Debian => "debian",
            Distro::Rhel => "rhel",
            Distro::Suse => "suse",
            Distro::Distroless => "distroless",
            Distro::Scratch => "scratch",
            Distro::Windows => "windows",
            Distro::Unknown => "unknown",
        }
    }

    /// Guess from the image name and tag.
    pub fn of_image(image: &ImageName) -> Distro {
        let repo = image.repository();
        let short = image.short_name().to_ascii_lowercase();
        let tag = image.tag.as_deref().unwrap_or("").to_ascii_lowercase();
        let registry = image.registry.as_deref().unwrap_or("");
        if repo.starts_with("distroless/")
            || registry == "gcr.io" && repo.contains("distroless")
            || registry == "cgr.dev"
        {
            return Distro::Distroless;
        }
        if registry.starts_with("mcr.microsoft.com")
            && (repo.contains("windows") || repo.contains("nanoserver"))
            || tag.contains("windowsservercore")
            || tag.contains("nanoserver")
        {
            return Distro::Windows;
        }
        if short == "alpine" || tag.contains("alpine") {
            return Distro::Alpine;
        }
        const RHEL: [&str; 12] = [
            "centos",
            "fedora",
            "rockylinux",
            "almalinux",
            "amazonlinux",
            "oraclelinux",
            "ubi",
            "ubi8",
            "ubi9",
            "ubi-minimal",
            "rhel",
            "clearlinux",
        ];
        if RHEL.contains(&short.as_str())
            || repo.starts_with("ubi")
            || tag.contains("centos")
            || tag.contains("ubi")
        {
            return Distro::Rhel;
        }
        if short.contains("opensuse") || short == "sles" || repo.starts_with("opensuse/") {
            return Distro::Suse;
        }
        if short == "scratch" {
            return Distro::Scratch;
        }
        const DEBIAN: [&str; 4] = ["debian", "ubuntu", "buildpack-deps", "kalilinux"];
        if DEBIAN.contains(&short.as_str())
            || tag.contains("bookworm")
            || tag.contains("bullseye")
            || tag.contains("buster")
            || tag.contains("stretch")
            || tag.contains("jammy")
            || tag.contains("focal")
            || tag.contains("noble")
        {
            return Distro::Debian;
        }
        // Official language images are Debian-based unless the tag says otherwise.
        const DEBIAN_LANGUAGE_IMAGES: [&str; 16] = [
            "python", "node", "golang", "ruby", "php", "openjdk", "rust", "perl", "r-base", "gcc",
            "haskell", "elixir", "erlang", "maven", "gradle", "nginx",
        ];
        if image.is_official() && DEBIAN_LANGUAGE_IMAGES.contains(&short.as_str()) {
            return Distro::Debian;
        }
        Distro::Unknown
    }

    /// Guess from the package managers a stage's commands use.
    pub fn from_commands<'a>(commands: impl Iterator<Item = &'a ShellCommand>) -> Distro {
        for command in commands {
            match command.name() {
                Some("apk") => return Distro::Alpine,
                Some("apt-get" | "apt" | "dpkg") => return Distro::Debian,
                Some("yum" | "dnf" | "microdnf" | "rpm") => return Distro::Rhel,
                Some("zypper") => return Distro::Suse,
                _ => {}
            }
        }
        Distro::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distro(reference: &str) -> Distro {
        Distro::of_image(&ImageName::parse(reference))
    }

    #[test]
    fn recognises_common_families() {
        assert_eq!(distro("python:3.12-alpine"), Distro::Alpine);
        assert_eq!(distro("python:3.12-slim"), Distro::Debian);
        assert_eq!(distro("ubuntu:22.04"), Distro::Debian);
        assert_eq!(distro("rockylinux:9"), Distro::Rhel);
        assert_eq!(
            distro("gcr.io/distroless/python3-debian12"),
            Distro::Distroless
        );
        assert_eq!(
            distro("mcr.microsoft.com/windows/servercore:ltsc2022"),
            Distro::Windows
        );
        assert_eq!(distro("myorg/thing"), Distro::Unknown);
    }
}
