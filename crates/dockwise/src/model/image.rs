//! Image references as strings after variable resolution: `registry/name:tag@digest`.

/// A resolved image reference split into parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageName {
    /// `ghcr.io`, `localhost:5000`; `None` for Docker Hub.
    pub registry: Option<String>,
    /// Repository path without the registry (`python`, `library/python`, `bitnami/redis`).
    pub name: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageName {
    /// Split a reference. Never fails: odd input just lands in `name`.
    pub fn parse(reference: &str) -> ImageName {
        let reference = reference.trim();
        let (rest, digest) = match reference.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (reference, None),
        };
        // A tag is after the last ':' that comes after the last '/'.
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (path, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (
                &rest[..last_slash + i],
                Some(rest[last_slash + i + 1..].to_string()),
            ),
            None => (rest, None),
        };
        let (registry, name) = match path.split_once('/') {
            Some((first, name))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first.to_string()), name.to_string())
            }
            _ => (None, path.to_string()),
        };
        ImageName {
            registry,
            name,
            tag,
            digest,
        }
    }

    /// The repository without Docker Hub's `library/` prefix, lower-cased (`python`, `bitnami/redis`).
    pub fn repository(&self) -> String {
        let name = self.name.strip_prefix("library/").unwrap_or(&self.name);
        name.to_ascii_lowercase()
    }

    /// The last path component (`redis` for `bitnami/redis`).
    pub fn short_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }

    /// A Docker Hub official image (`python`, `library/python`).
    pub fn is_official(&self) -> bool {
        matches!(
            self.registry.as_deref(),
            None | Some("docker.io") | Some("index.docker.io")
        ) && (!self.name.contains('/') || self.name.starts_with("library/"))
    }

    pub fn is_pinned_by_digest(&self) -> bool {
        self.digest.is_some()
    }
}

impl std::fmt::Display for ImageName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(r) = &self.registry {
            write!(f, "{r}/")?;
        }
        write!(f, "{}", self.name)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_registry_name_tag_and_digest() {
        let i = ImageName::parse("localhost:5000/team/app:1.2@sha256:abc");
        assert_eq!(i.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(i.name, "team/app");
        assert_eq!(i.tag.as_deref(), Some("1.2"));
        assert_eq!(i.digest.as_deref(), Some("sha256:abc"));
        assert_eq!(i.to_string(), "localhost:5000/team/app:1.2@sha256:abc");
    }

    #[test]
    fn docker_hub_names_have_no_registry() {
        let i = ImageName::parse("python:3.12-slim");
        assert_eq!(
            (i.registry, i.name.as_str(), i.tag.as_deref()),
            (None, "python", Some("3.12-slim"))
        );
        assert!(ImageName::parse("library/node").is_official());
        assert!(!ImageName::parse("bitnami/redis").is_official());
        assert!(!ImageName::parse("gcr.io/distroless/static").is_official());
    }
}
