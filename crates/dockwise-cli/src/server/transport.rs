//! JSON-RPC over stdio with `Content-Length` framing. lsp-server's own stdio transport stops reading at the
//! first malformed message; an editor's server should answer it with an error and keep going, so the framing is
//! ours and lsp-server provides the message types.

use lsp_server::{ErrorCode, Message};
use serde_json::{json, Value};
use std::io::{BufRead, Write};
use std::sync::mpsc::{Receiver, Sender};

/// What the reader hands the main loop: a message, or a malformed one to answer with an error.
pub enum Incoming {
    Message(Message),
    /// An error response to send for a payload that is not a valid message (the id, when one could be read).
    Malformed(Value),
}

/// Read framed messages from `input` until it ends or the framing itself breaks (then the stream cannot be
/// resynchronised). Bodies that are not JSON-RPC messages become `Incoming::Malformed`.
pub fn read_loop(mut input: impl BufRead, to_main: Sender<Incoming>) {
    while let Some(body) = read_frame(&mut input) {
        let incoming = match serde_json::from_slice::<Message>(&body) {
            Ok(message) => Incoming::Message(message),
            Err(e) => Incoming::Malformed(malformed(&body, &e.to_string())),
        };
        if to_main.send(incoming).is_err() {
            return;
        }
    }
}

/// The error response for a body that is not a message: a parse error with a null id for text that is not
/// JSON, an invalid request (with the id when there is one) for JSON that is not a JSON-RPC message.
fn malformed(body: &[u8], why: &str) -> Value {
    let (id, code, what) = match serde_json::from_slice::<Value>(body) {
        Err(_) => (Value::Null, ErrorCode::ParseError, "not JSON"),
        Ok(v) => (
            v.get("id")
                .filter(|id| id.is_number() || id.is_string())
                .cloned()
                .unwrap_or(Value::Null),
            ErrorCode::InvalidRequest,
            "not a JSON-RPC message",
        ),
    };
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": format!("dockwise: the message is {what}: {why}") },
    })
}

/// One message body; `None` at the end of input or when the headers are broken.
fn read_frame(input: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            continue; // stray blank lines between messages
        }
        let (name, value) = line.split_once(':')?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse::<usize>().ok()?);
        }
    }
    let mut body = vec![0; length?];
    input.read_exact(&mut body).ok()?;
    Some(body)
}

/// Write each value as a framed message until the channel closes.
pub fn write_loop(mut output: impl Write, from_main: Receiver<Value>) {
    for value in from_main {
        let text = value.to_string();
        let framed = write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())
            .and_then(|()| output.flush());
        if framed.is_err() {
            return;
        }
    }
}

/// A message as the JSON-RPC value the writer sends.
pub fn to_value(message: &Message) -> Value {
    let mut value = serde_json::to_value(message).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("jsonrpc".into(), "2.0".into());
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(text: &str) -> Vec<Incoming> {
        let (tx, rx) = std::sync::mpsc::channel();
        read_loop(text.as_bytes(), tx);
        rx.into_iter().collect()
    }

    #[test]
    fn a_malformed_body_is_answered_and_the_next_message_still_read() {
        let good = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let text = format!(
            "Content-Length: 5\r\n\r\n{{oops{}Content-Length: {}\r\n\r\n{good}",
            "", // the broken body is exactly 5 bytes
            good.len()
        );
        let got = frames(&text);
        assert_eq!(got.len(), 2);
        match &got[0] {
            Incoming::Malformed(v) => {
                assert_eq!(v["error"]["code"], -32700);
                assert!(v["id"].is_null());
            }
            Incoming::Message(_) => panic!("a broken body is not a message"),
        }
        assert!(
            matches!(&got[1], Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
    }

    #[test]
    fn json_that_is_not_a_message_is_an_invalid_request() {
        let body = r#"{"jsonrpc":"2.0","params":[]}"#;
        let got = frames(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        match &got[..] {
            [Incoming::Malformed(v)] => {
                assert_eq!(v["error"]["code"], -32600);
                assert!(v["id"].is_null());
            }
            _ => panic!("one malformed message expected"),
        }
    }
}
