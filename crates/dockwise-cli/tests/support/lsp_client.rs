//! A small LSP client for `dockwise server --stdio`, shared by tests/lsp.rs and benches/lsp.rs: it starts the
//! binary, frames messages with `Content-Length`, reads the answers on a thread and waits for each with a deadline
//! (a silent server fails the caller instead of hanging it).

#![allow(dead_code)] // each includer uses part of it

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any one answer may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(10);

pub struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read while waiting for another one.
    pending: Vec<Value>,
    stderr: Arc<Mutex<String>>,
    next_id: i64,
}

impl Server {
    pub fn start() -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dockwise"));
        for (name, _) in std::env::vars() {
            if name.starts_with("HADOLINT_") {
                command.env_remove(name);
            }
        }
        let mut child = command
            .args(["server", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the dockwise binary starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (to_test, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut stdout = stdout;
            while let Some(message) = read_frame(&mut stdout) {
                if to_test.send(message).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut child_stderr = child.stderr.take().unwrap();
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n @ 1..) = child_stderr.read(&mut buffer) {
                collected
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        Server {
            child,
            stdin,
            incoming,
            pending: Vec::new(),
            stderr,
            next_id: 0,
        }
    }

    pub fn send_body(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .expect("the server reads its input");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let body = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.send_body(&body.to_string());
    }

    /// Send a request and return its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        let body = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.send_body(&body.to_string());
        id
    }

    /// A request's `result`, failing on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.wait_for(&format!("the answer to {method}"), |m| m["id"] == id);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The first message (already read or still to come) that `wanted` accepts.
    pub fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&wanted) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.pending.push(message),
                Err(_) => panic!(
                    "no {what} within {PATIENCE:?}; read meanwhile: {:?}\nserver stderr:\n{}",
                    self.pending,
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let published = self.wait_for(&format!("diagnostics of version {version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .clone()
    }

    /// Initialize as a client that counts positions in UTF-16 only, with no configuration files.
    pub fn initialize(&mut self) -> Value {
        self.initialize_with_encodings(&["utf-16"])
    }

    /// Initialize offering these position encodings, with no configuration files.
    pub fn initialize_with_encodings(&mut self, encodings: &[&str]) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": { "general": { "positionEncodings": encodings } },
                // The CLI runs with --no-config too: a configuration file above the test's folder must not count.
                "initializationOptions": { "dockwise": { "noConfig": true } },
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// Wait for the process to end and return its exit code.
    pub fn exit_code(mut self) -> i32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit within {PATIENCE:?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failed test must not leave the server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One message from the server's output; `None` when it ends.
pub fn read_frame(input: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').expect("a header line");
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse::<usize>().expect("a length"));
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    input.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}
