//! `dockwise server --stdio` end to end: the real binary, real `Content-Length` framing, a reader thread and a
//! deadline on every wait (a silent server fails the test instead of hanging it). Expectations come from running
//! `dockwise check --format json` on the same text, and positions are recomputed here in UTF-16 from its byte
//! offsets, so the test holds the server to the CLI and to LSP's position rules, not to numbers copied from it.

mod common;
#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::Server;
use serde_json::{json, Value};

const URI: &str = "file:///project/Dockerfile";

/// A line with non-ASCII text (`é` is 2 bytes and 1 UTF-16 unit, the whale 4 bytes and 2 units) before the
/// backquotes on the same line, so a finding's column differs in bytes, characters and UTF-16 units.
const TEXT: &str = "FROM alpine:3.19\n\
# café ☕\n\
RUN echo \"é 🐳 $(date)\" `date` && cd /tmp\n\
MAINTAINER José 🐳 <jose@example.com>\n\
USER 10001\n\
CMD [\"sh\"]\n";

/// The rule whose quick fix the test applies: backquotes, found after the non-ASCII text of line 3.
const FIXED_RULE: &str = "DW3008";

/// The findings `dockwise check --format json --no-config` reports for `text`.
fn cli_findings(text: &str) -> Vec<Value> {
    let dir = common::TempDir::new();
    let run = common::run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--no-config",
            "--stdin-filename",
            "Dockerfile",
            "-",
        ],
        Some(text),
    );
    run.json()[0]["findings"].as_array().unwrap().clone()
}

/// The LSP position (UTF-16 code units) of byte offset `byte`.
fn utf16_position(text: &str, byte: usize) -> Value {
    let before = &text[..byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({
        "line": before.matches('\n').count(),
        "character": before[line_start..].encode_utf16().count(),
    })
}

/// The byte offset of an LSP position (UTF-16 code units).
fn byte_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = position["character"].as_u64().unwrap() as usize;
    let mut at = line_start;
    for c in text[line_start..].chars() {
        if units == 0 || c == '\n' {
            break;
        }
        units = units.saturating_sub(c.len_utf16());
        at += c.len_utf8();
    }
    at
}

/// (code, range) of each finding the CLI reports, ranges in UTF-16 from its byte offsets, sorted.
fn expected(text: &str) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = cli_findings(text)
        .iter()
        .map(|f| {
            let range = json!({
                "start": utf16_position(text, f["start"].as_u64().unwrap() as usize),
                "end": utf16_position(text, f["end"].as_u64().unwrap() as usize),
            });
            (f["rule"].as_str().unwrap().to_string(), range)
        })
        .collect();
    out.sort_by_key(|(code, range)| format!("{code} {range}"));
    out
}

/// (code, range) of each published diagnostic with a code, sorted.
fn published(diagnostics: &[Value]) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = diagnostics
        .iter()
        .filter_map(|d| Some((d["code"].as_str()?.to_string(), d["range"].clone())))
        .collect();
    out.sort_by_key(|(code, range)| format!("{code} {range}"));
    out
}

/// Byte-offset replacements applied back to front.
fn apply_bytes(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

#[test]
fn the_server_reviews_fixes_and_explains_over_stdio() {
    let mut server = Server::start();

    let result = server.initialize();
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16", "{result}");
    assert_eq!(
        capabilities["textDocumentSync"]["change"], 2,
        "incremental sync: {result}"
    );
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(capabilities["hoverProvider"], true);
    let kinds = &capabilities["codeActionProvider"]["codeActionKinds"];
    assert!(
        kinds
            .as_array()
            .is_some_and(|k| k.contains(&json!("quickfix"))),
        "{result}"
    );
    assert_eq!(result["serverInfo"]["name"], "dockwise");

    // Open: the same codes and UTF-16 ranges as the CLI reports for the text.
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "dockerfile", "version": 1, "text": TEXT } }),
    );
    let diagnostics = server.diagnostics(URI, 1);
    let want = expected(TEXT);
    assert_eq!(published(&diagnostics), want);
    assert!(want.len() >= 3, "the text should have findings: {want:?}");

    // The finding after the non-ASCII text: its column counts UTF-16 units, not bytes or characters.
    let cli = cli_findings(TEXT);
    let target = cli
        .iter()
        .find(|f| f["rule"] == FIXED_RULE)
        .unwrap_or_else(|| panic!("{FIXED_RULE} is among the CLI's findings: {cli:?}"));
    assert_eq!(
        target["fix"]["applicability"], "safe",
        "the test applies a safe fix: {target}"
    );
    let start = target["start"].as_u64().unwrap() as usize;
    let line_start = TEXT[..start].rfind('\n').unwrap() + 1;
    let before = &TEXT[line_start..start];
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == FIXED_RULE)
        .unwrap()
        .clone();
    let character = diagnostic["range"]["start"]["character"].as_u64().unwrap() as usize;
    assert_eq!(character, before.encode_utf16().count());
    assert_ne!(
        character,
        before.chars().count(),
        "the test line must tell UTF-16 units from characters"
    );
    assert_ne!(
        character,
        before.len(),
        "the test line must tell UTF-16 units from bytes"
    );
    assert!(diagnostic["codeDescription"]["href"]
        .as_str()
        .is_some_and(|href| href.contains(&FIXED_RULE.to_ascii_lowercase())));

    // The quick fix at the finding: applied, it gives the CLI fix's text and the finding is gone.
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": diagnostic["range"],
            "context": { "diagnostics": [diagnostic] },
        }),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && a["isPreferred"] == true
                && a["diagnostics"][0]["code"] == FIXED_RULE
        })
        .unwrap_or_else(|| panic!("a preferred quick fix for {FIXED_RULE}: {actions}"))
        .clone();
    let title = fix["title"].as_str().unwrap();
    assert!(
        title.contains(target["fix"]["title"].as_str().unwrap()),
        "{title}"
    );
    let edits = fix["edit"]["changes"][URI].as_array().unwrap();
    let byte_edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                byte_of(TEXT, &e["range"]["start"]),
                byte_of(TEXT, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let fixed = apply_bytes(TEXT, byte_edits);
    let cli_edits = target["fix"]["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
                e["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(fixed, apply_bytes(TEXT, cli_edits));

    // Send the edits as incremental changes, back to front so each range still means the same text.
    let mut changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect();
    changes.sort_by_key(|c| std::cmp::Reverse(byte_of(TEXT, &c["range"]["start"])));
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": changes }),
    );
    let after = server.diagnostics(URI, 2);
    assert!(
        after.iter().all(|d| d["code"] != FIXED_RULE),
        "the fix removes {FIXED_RULE}: {after:?}"
    );
    assert_eq!(published(&after), expected(&fixed));

    // Hover on an instruction keyword explains it, with the keyword's range.
    let user_line = fixed.lines().position(|l| l.starts_with("USER")).unwrap();
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": user_line, "character": 2 } }),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("**USER**")),
        "{hover}"
    );
    assert_eq!(
        hover["range"],
        json!({ "start": { "line": user_line, "character": 0 }, "end": { "line": user_line, "character": 4 } })
    );

    // A body that is not JSON: a parse error with a null id, and the server keeps going.
    server.send_body("{not json");
    let parse_error = server.wait_for("the parse error", |m| {
        m["id"].is_null() && m.get("error").is_some()
    });
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    // A method it does not know, and parameters that do not fit: errors that name the request.
    let unknown = server.send_request("dockwise/noSuchMethod", json!({}));
    let answer = server.wait_for("the unknown method's answer", |m| m["id"] == unknown);
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    let bad = server.send_request("textDocument/hover", json!({ "position": "nowhere" }));
    let answer = server.wait_for("the bad hover's answer", |m| m["id"] == bad);
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    // Still serving: a hover on a finding shows its rule's docs.
    let finding = after
        .iter()
        .find(|d| d["code"].is_string())
        .expect("the fixed text still has findings");
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": finding["range"]["start"] }),
    );
    let code = finding["code"].as_str().unwrap();
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains(code)),
        "{hover}"
    );

    // Shutdown, then exit: status 0.
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_code(), 0);
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let mut server = Server::start();
    server.initialize();
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_code(), 1);
}

#[test]
fn a_client_offering_utf8_gets_byte_columns() {
    let mut server = Server::start();
    let result = server.initialize_with_encodings(&["utf-8", "utf-16"]);
    assert_eq!(
        result["capabilities"]["positionEncoding"], "utf-8",
        "{result}"
    );
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "dockerfile", "version": 1, "text": TEXT } }),
    );
    let diagnostics = server.diagnostics(URI, 1);
    let cli = cli_findings(TEXT);
    let target = cli.iter().find(|f| f["rule"] == FIXED_RULE).unwrap();
    let start = target["start"].as_u64().unwrap() as usize;
    let line_start = TEXT[..start].rfind('\n').unwrap() + 1;
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == FIXED_RULE)
        .expect("the finding is published");
    assert_eq!(
        diagnostic["range"]["start"]["character"],
        start - line_start,
        "UTF-8 columns count bytes"
    );
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_code(), 0);
}

/// The text `dockwise fix` (with `--unsafe` when asked) prints for `text`.
fn cli_fix(text: &str, unsafe_too: bool) -> String {
    let dir = common::TempDir::new();
    let mut args = vec!["fix", "--no-config", "--stdin-filename", "Dockerfile"];
    if unsafe_too {
        args.push("--unsafe");
    }
    args.push("-");
    common::run_in(dir.path(), &args, Some(text)).stdout
}

/// A whole-document code action of `kind`, its edits applied to `text`.
fn fix_all(server: &mut Server, text: &str, kind: &str) -> String {
    let end = utf16_position(text, text.len());
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": { "start": { "line": 0, "character": 0 }, "end": end },
            "context": { "diagnostics": [], "only": ["source"] },
        }),
    );
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == kind)
        .unwrap_or_else(|| panic!("a {kind} action: {actions}"))
        .clone();
    let edits = action["edit"]["changes"][URI]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                byte_of(text, &e["range"]["start"]),
                byte_of(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    apply_bytes(text, edits)
}

#[test]
fn fix_all_matches_the_cli_and_client_settings_apply_at_once() {
    let mut server = Server::start();
    server.initialize();
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "dockerfile", "version": 1, "text": TEXT } }),
    );
    let before = published(&server.diagnostics(URI, 1));

    // "Fix all safe" and "Fix all" give exactly the text `dockwise fix` and `dockwise fix --unsafe` print.
    let safe = fix_all(&mut server, TEXT, "source.fixAll.dockwise");
    assert_eq!(safe, cli_fix(TEXT, false));
    let all = fix_all(&mut server, TEXT, "source.dockwise.fixAllUnsafe");
    assert_eq!(all, cli_fix(TEXT, true));
    assert_ne!(safe, all, "the text must have unsafe fixes too");

    // A client setting that disables a rule takes effect on the open document without a new version.
    let (code, _) = before
        .iter()
        .find(|(c, _)| c == FIXED_RULE)
        .expect("the rule to disable is reported")
        .clone();
    server.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "dockwise": { "disable": [code] } } }),
    );
    let after = published(&server.diagnostics(URI, 1));
    let want: Vec<(String, Value)> = before.into_iter().filter(|(c, _)| *c != code).collect();
    assert_eq!(after, want);

    let id = server.send_request("shutdown", Value::Null);
    server.wait_for("the shutdown answer", |m| m["id"] == id);
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_code(), 0);
}
