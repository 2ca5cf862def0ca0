//! UTF-16 offsets for JavaScript on the Review JSON, from the engine's one index (`dockwise::utf16`).

use dockwise::utf16::Utf16Index;
use serde_json::Value;

/// Add `start_utf16`/`end_utf16` beside `start`/`end` on the Review JSON's findings, their fixes' edits and the
/// syntax errors.
pub fn add_offsets(source: &str, review: &mut Value) {
    let index = Utf16Index::new(source);
    if let Some(Value::Array(findings)) = review.get_mut("findings") {
        for finding in findings {
            if let Some(Value::Array(edits)) =
                finding.get_mut("fix").and_then(|f| f.get_mut("edits"))
            {
                for edit in edits.iter_mut() {
                    add(&index, edit);
                }
            }
            add(&index, finding);
        }
    }
    if let Some(Value::Array(errors)) = review.get_mut("syntax_errors") {
        for error in errors {
            add(&index, error);
        }
    }
}

fn add(index: &Utf16Index, object: &mut Value) {
    let Value::Object(map) = object else { return };
    for (from, to) in [("start", "start_utf16"), ("end", "end_utf16")] {
        if let Some(byte) = map.get(from).and_then(Value::as_u64) {
            let units = index.of(usize::try_from(byte).unwrap_or(usize::MAX));
            map.insert(to.to_string(), Value::from(units));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_json_gets_utf16_offsets_on_findings_edits_and_syntax_errors() {
        let source = "# 🐳 whale\nFROM python:latest\nFORM x\n";
        let mut review =
            serde_json::to_value(dockwise::review(source, &dockwise::Config::default())).unwrap();
        add_offsets(source, &mut review);
        let latest = review["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "DW2007")
            .expect("DW2007 fires");
        let (start, start16) = (
            latest["start"].as_u64().unwrap(),
            latest["start_utf16"].as_u64().unwrap(),
        );
        // The emoji is 4 bytes and 2 UTF-16 units: everything after it is 2 units earlier.
        assert_eq!(start - start16, 2);
        assert_eq!(
            source[..start as usize].encode_utf16().count(),
            start16 as usize
        );
        let error = &review["syntax_errors"][0];
        assert_eq!(
            error["start"].as_u64().unwrap() - error["start_utf16"].as_u64().unwrap(),
            2
        );
    }
}
