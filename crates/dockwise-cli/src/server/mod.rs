//! `dockwise server` (alias `lsp`): a Language Server Protocol server over standard input and output.
//!
//! One thread reads framed messages (`transport`), one writes them, and the main loop below handles them in
//! order: each review takes milliseconds, so requests are answered synchronously and diagnostics are published
//! right after each change. Documents are served when their language id is `dockerfile` or their file is named
//! like a Dockerfile. The engine sees bytes; `document` converts to the client's position encoding.

pub mod actions;
pub mod config;
pub mod diagnostics;
pub mod document;
pub mod hover;
pub mod transport;

use config::{ClientSettings, Configs};
use dockwise::review::Finding;
use document::{Document, Encoding};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification as note, request as req};
use lsp_types::{
    CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, MarkupContent, MarkupKind,
    MessageType, PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use transport::Incoming;

/// Names of the configuration files whose changes re-check every open document.
const CONFIG_NAMES: [&str; 3] = [".dockwise.toml", ".hadolint.yaml", ".hadolint.yml"];

/// Serve on stdio until `exit`; the exit status is 0 after a `shutdown` request, 1 otherwise (as LSP asks).
pub fn run() -> u8 {
    let (to_main, incoming) = mpsc::channel();
    let (outgoing, from_main) = mpsc::channel();
    std::thread::spawn(move || transport::read_loop(std::io::stdin().lock(), to_main));
    let writer =
        std::thread::spawn(move || transport::write_loop(std::io::stdout().lock(), from_main));
    let status = Server::new(outgoing).serve(incoming);
    // The server (and its sender) is gone: the writer sends what is queued, then stops.
    let _ = writer.join();
    status
}

/// One open document, with the findings and configuration of its last review.
struct Open {
    doc: Document,
    findings: Vec<Finding>,
    config: dockwise::Config,
}

struct Server {
    out: Sender<Value>,
    initialized: bool,
    shutdown: bool,
    encoding: Encoding,
    docs: HashMap<Url, Open>,
    configs: Configs,
    /// Configuration errors already shown, so a broken file is reported once, not on every keystroke.
    shown: HashSet<String>,
    watch_configs: bool,
    next_id: i32,
}

/// An error to answer a request with.
type Failure = (ErrorCode, String);

impl Server {
    fn new(out: Sender<Value>) -> Server {
        Server {
            out,
            initialized: false,
            shutdown: false,
            encoding: Encoding::Utf16,
            docs: HashMap::new(),
            configs: Configs::default(),
            shown: HashSet::new(),
            watch_configs: false,
            next_id: 0,
        }
    }

    fn send(&self, message: Message) {
        let _ = self.out.send(transport::to_value(&message));
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    fn serve(mut self, incoming: Receiver<Incoming>) -> u8 {
        for message in incoming {
            match message {
                Incoming::Malformed(error) => {
                    eprintln!("dockwise server: {}", error["error"]["message"]);
                    let _ = self.out.send(error);
                }
                Incoming::Message(Message::Request(request)) => self.request(request),
                Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                    return if self.shutdown { 0 } else { 1 };
                }
                Incoming::Message(Message::Notification(n)) => {
                    if self.initialized {
                        let method = n.method.clone();
                        let handled = catch_unwind(AssertUnwindSafe(|| self.notification(n)));
                        match handled {
                            Ok(Ok(())) => {}
                            Ok(Err(why)) => eprintln!("dockwise server: {method}: {why}"),
                            Err(_) => eprintln!("dockwise server: {method}: internal error"),
                        }
                    }
                }
                Incoming::Message(Message::Response(_)) => {} // answers to our registrations
            }
        }
        1 // the input ended without `exit`
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let answer = if !self.initialized && request.method != req::Initialize::METHOD {
            Err((
                ErrorCode::ServerNotInitialized,
                "initialize first".to_string(),
            ))
        } else if self.shutdown {
            Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_string(),
            ))
        } else {
            catch_unwind(AssertUnwindSafe(|| self.handle(request))).unwrap_or_else(|_| {
                Err((
                    ErrorCode::InternalError,
                    "internal error (a Dockwise bug: please report it with the file)".into(),
                ))
            })
        };
        let response = match answer {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response));
    }

    fn handle(&mut self, request: Request) -> Result<Value, Failure> {
        match request.method.as_str() {
            req::Initialize::METHOD => {
                let params: InitializeParams = params(request.params)?;
                Ok(json!(self.initialize(params)))
            }
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            req::CodeActionRequest::METHOD => {
                let params: CodeActionParams = params(request.params)?;
                Ok(json!(self.code_actions(params)))
            }
            req::HoverRequest::METHOD => {
                let params: HoverParams = params(request.params)?;
                Ok(json!(self.hover(params)))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("dockwise does not handle {other}"),
            )),
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> InitializeResult {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        if offered.is_some_and(|o| o.contains(&PositionEncodingKind::UTF8)) {
            self.encoding = Encoding::Utf8;
        }
        self.watch_configs = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if let Some(options) = &params.initialization_options {
            self.client_settings(options);
        }
        self.initialized = true;
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(match self.encoding {
                    Encoding::Utf8 => PositionEncodingKind::UTF8,
                    Encoding::Utf16 => PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(actions::kinds()),
                        resolve_provider: Some(false),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "dockwise".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    /// Apply the client's settings; what cannot be applied is shown to the user.
    fn client_settings(&mut self, value: &Value) {
        match ClientSettings::from_value(value) {
            Ok(Some(settings)) => {
                for problem in self.configs.set_client(settings) {
                    self.show(MessageType::WARNING, format!("dockwise: {problem}"));
                }
            }
            Ok(None) => {}
            Err(why) => self.show(MessageType::ERROR, format!("dockwise: {why}")),
        }
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify(
            note::ShowMessage::METHOD,
            ShowMessageParams { typ, message },
        );
    }

    fn notification(&mut self, n: Notification) -> Result<(), String> {
        let bad = |(_, why): Failure| why;
        match n.method.as_str() {
            note::Initialized::METHOD => self.register_watchers(),
            note::DidOpenTextDocument::METHOD => {
                let p: DidOpenTextDocumentParams = params(n.params).map_err(bad)?;
                let item = p.text_document;
                if serves(&item.uri, &item.language_id) {
                    let doc = Document::new(item.text, item.version);
                    self.docs.insert(
                        item.uri.clone(),
                        Open {
                            doc,
                            findings: Vec::new(),
                            config: dockwise::Config::default(),
                        },
                    );
                    self.publish(&item.uri);
                }
            }
            note::DidChangeTextDocument::METHOD => {
                let p: DidChangeTextDocumentParams = params(n.params).map_err(bad)?;
                let uri = p.text_document.uri;
                let encoding = self.encoding;
                if let Some(open) = self.docs.get_mut(&uri) {
                    open.doc
                        .apply(p.content_changes, p.text_document.version, encoding);
                    self.publish(&uri);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                let p: DidSaveTextDocumentParams = params(n.params).map_err(bad)?;
                if is_config(&p.text_document.uri) {
                    self.configs_changed();
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let p: DidCloseTextDocumentParams = params(n.params).map_err(bad)?;
                if self.docs.remove(&p.text_document.uri).is_some() {
                    self.notify(
                        note::PublishDiagnostics::METHOD,
                        PublishDiagnosticsParams::new(p.text_document.uri, Vec::new(), None),
                    );
                }
            }
            note::DidChangeConfiguration::METHOD => {
                let p: DidChangeConfigurationParams = params(n.params).map_err(bad)?;
                self.client_settings(&p.settings);
                self.shown.clear();
                self.republish();
            }
            note::DidChangeWatchedFiles::METHOD => self.configs_changed(),
            _ => {}
        }
        Ok(())
    }

    /// Ask the client to tell us when configuration files change (when it can).
    fn register_watchers(&mut self) {
        if !self.watch_configs {
            return;
        }
        let watchers: Vec<Value> = CONFIG_NAMES
            .iter()
            .map(|name| json!({ "globPattern": format!("**/{name}") }))
            .collect();
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "dockwise-configuration-files".into(),
                method: note::DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(json!({ "watchers": watchers })),
            }],
        };
        self.next_id += 1;
        self.send(Message::Request(Request::new(
            RequestId::from(format!("dockwise-{}", self.next_id)),
            req::RegisterCapability::METHOD.into(),
            params,
        )));
    }

    fn configs_changed(&mut self) {
        self.configs.clear();
        self.shown.clear();
        self.republish();
    }

    fn republish(&mut self) {
        let uris: Vec<Url> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.publish(&uri);
        }
    }

    /// Review a document and publish its diagnostics.
    fn publish(&mut self, uri: &Url) {
        let path = uri.to_file_path().ok();
        let (config, error) = self.configs.for_document(path.as_deref());
        if let Some(error) = error {
            if self.shown.insert(error.clone()) {
                self.show(
                    MessageType::ERROR,
                    format!("dockwise: {error} (the defaults apply until it is fixed)"),
                );
            }
        }
        let encoding = self.encoding;
        let Some(open) = self.docs.get_mut(uri) else {
            return;
        };
        let text = &open.doc.text;
        let review = catch_unwind(AssertUnwindSafe(|| {
            dockwise::review_findings(text, &config)
        }));
        let Ok(review) = review else {
            eprintln!("dockwise server: internal error while reviewing {uri}");
            return;
        };
        let at = open.doc.positions(encoding);
        let diagnostics = diagnostics::diagnostics(&review, text, uri, &at);
        let version = open.doc.version;
        open.findings = review.findings;
        open.config = config;
        self.notify(
            note::PublishDiagnostics::METHOD,
            PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(version)),
        );
    }

    fn code_actions(&self, p: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let Some(open) = self.docs.get(&p.text_document.uri) else {
            return Vec::new();
        };
        let (start, end) = open.doc.byte_range(p.range, self.encoding);
        let request = actions::Request {
            start,
            end,
            only: p.context.only.as_deref(),
            diagnostics: &p.context.diagnostics,
        };
        actions::actions(
            &open.doc,
            &p.text_document.uri,
            &open.findings,
            &open.config,
            self.encoding,
            &request,
        )
    }

    fn hover(&self, p: HoverParams) -> Option<Hover> {
        let at = p.text_document_position_params;
        let open = self.docs.get(&at.text_document.uri)?;
        let offset = open.doc.offset(at.position, self.encoding);
        let (text, span) = hover::hover(&open.doc.text, &open.findings, offset)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(
                open.doc
                    .positions(self.encoding)
                    .range(span.start, span.end),
            ),
        })
    }
}

/// Parameters of a request or notification, or an invalid-params error.
fn params<T: DeserializeOwned>(value: Value) -> Result<T, Failure> {
    serde_json::from_value(value).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

/// Documents the server reviews: the `dockerfile` language, or a file named like a Dockerfile.
fn serves(uri: &Url, language_id: &str) -> bool {
    language_id.eq_ignore_ascii_case("dockerfile")
        || language_id.eq_ignore_ascii_case("containerfile")
        || file_name(uri).is_some_and(|n| crate::files::is_dockerfile_name(&n))
}

fn is_config(uri: &Url) -> bool {
    file_name(uri).is_some_and(|n| CONFIG_NAMES.contains(&n.as_str()))
}

fn file_name(uri: &Url) -> Option<String> {
    uri.path_segments()?.next_back().map(str::to_string)
}
