//! What the rewrite saves, as an estimate: layers (`RUN`/`COPY`/`ADD` instructions) before and after, and the
//! final stage's base image compressed size before and after, from the embedded table of official images.

use crate::data::base_images::{size_mb, LAST_VERIFIED};
use crate::model::{Base, Model};
use dockwise_syntax::Keyword;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Always true: these numbers are approximations, not measurements of a build.
    pub approximate: bool,
    /// `RUN`, `COPY` and `ADD` instructions of the final stage (the layers it adds) before the rewrite.
    pub layers_before: usize,
    pub layers_after: usize,
    /// The final stage's base image before and after, as written (after `ARG` defaults).
    pub base_before: Option<String>,
    pub base_after: Option<String>,
    /// Approximate compressed size of those base images in MB, when Dockwise's table knows them.
    pub base_size_mb_before: Option<u32>,
    pub base_size_mb_after: Option<u32>,
    /// One sentence for people ("about 345 MB smaller base image, 2 fewer layers (estimate)").
    pub summary: String,
}

/// The final stage's layer count and base image (name and size).
pub fn measure(model: &Model) -> Measure {
    let Some(stage) = model.final_stage() else {
        return (0, None, None);
    };
    let layers = model
        .stage_instructions(stage)
        .iter()
        .filter(|i| matches!(i.kind(), Keyword::Run | Keyword::Copy | Keyword::Add))
        .count();
    // A stage built on an earlier stage ships that stage's base image too.
    let root = model.root_stage(stage);
    let size = match &root.base {
        Base::Image(image) => size_mb(image),
        Base::Scratch => Some(0),
        _ => None,
    };
    (layers, Some(root.base_resolved.clone()), size)
}

/// Compare two versions of a Dockerfile; `None` when they are the same text.
pub fn estimate(before: &str, after: &str) -> Option<Estimate> {
    if before == after {
        return None;
    }
    let measure_text = |text: &str| measure(&crate::Analysis::new(text).model());
    compare(measure_text(before), measure_text(after))
}

/// What [`compare`] reads of one version: the final stage's layers and base image.
pub type Measure = (usize, Option<String>, Option<u32>);

/// The estimate between two measured versions of a text that changed.
pub fn compare(before: Measure, after: Measure) -> Option<Estimate> {
    let (layers_before, base_before, size_before) = before;
    let (layers_after, base_after, size_after) = after;
    let mut parts = Vec::new();
    if let (Some(b), Some(a)) = (size_before, size_after) {
        if a < b {
            parts.push(format!("about {} MB smaller base image", b - a));
        } else if a > b {
            parts.push(format!("about {} MB larger base image", a - b));
        }
    }
    if layers_after < layers_before {
        let n = layers_before - layers_after;
        parts.push(format!("{n} fewer layer{}", if n == 1 { "" } else { "s" }));
    } else if layers_after > layers_before {
        let n = layers_after - layers_before;
        parts.push(format!("{n} more layer{}", if n == 1 { "" } else { "s" }));
    }
    let summary = if parts.is_empty() {
        "No change in base image size or layer count (estimate).".to_string()
    } else {
        format!(
            "{} (estimate; image sizes as of {LAST_VERIFIED}).",
            parts.join(", ")
        )
    };
    Some(Estimate {
        approximate: true,
        layers_before,
        layers_after,
        base_before,
        base_after,
        base_size_mb_before: size_before,
        base_size_mb_after: size_after,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_layers_and_base_sizes_of_the_final_stage() {
        let e = estimate(
            "FROM python:3.12\nRUN a\nRUN b\nCOPY . .\n",
            "FROM python:3.12-slim\nRUN a && b\nCOPY . .\n",
        )
        .unwrap();
        assert_eq!((e.layers_before, e.layers_after), (3, 2));
        assert_eq!(
            (e.base_size_mb_before, e.base_size_mb_after),
            (Some(390), Some(45))
        );
        assert!(e.approximate);
        assert!(
            e.summary
                .starts_with("about 345 MB smaller base image, 1 fewer layer (estimate"),
            "{}",
            e.summary
        );
    }

    #[test]
    fn no_estimate_without_a_rewrite_and_unknown_sizes_stay_unknown() {
        assert_eq!(estimate("FROM x\n", "FROM x\n"), None);
        let e = estimate(
            "FROM myorg/app\nRUN a\nRUN b\n",
            "FROM myorg/app\nRUN a && b\n",
        )
        .unwrap();
        assert_eq!(e.base_size_mb_before, None);
        assert_eq!(
            e.summary,
            "1 fewer layer (estimate; image sizes as of 2026-12-04)."
        );
    }
}
