//! What a running image does, seen from the host: is the port listening, which uid owns the listening socket,
//! and what does a GET answer (plain HTTP/1.0 over a socket, so xtask stays dependency-free).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub fn listening(port: u16) -> bool {
    TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(300)).is_ok()
}

/// GET `path` on 127.0.0.1:`port`: (status line, body).
pub fn get(port: u16, path: &str) -> Result<(String, String), String> {
    let mut stream =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2))
            .map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .map_err(|e| e.to_string())?;
    let request =
        format!("GET {path} HTTP/1.0\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("send: {e}"))?;
    // The socket stays open both ways until the answer is read: some servers (uvicorn) drop a connection whose
    // client half-closed after the request, before answering it.
    let raw = read_answer(&mut stream)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("not HTTP: {text:.80}"))?;
    let status = head.lines().next().unwrap_or("").to_string();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    Ok((status, body))
}

/// Read until the server closes, or until the body announced by Content-Length (or a chunked body's last
/// chunk) has arrived, whichever comes first, so a server that keeps the connection open does not stall the probe.
fn read_answer(stream: &mut TcpStream) -> Result<Vec<u8>, String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Ok(raw),
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if raw.is_empty() => return Err(format!("read: {e}")),
            Err(_) => return Ok(raw),
        }
        if answer_complete(&raw) {
            return Ok(raw);
        }
    }
}

fn answer_complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let body = &raw[end + 4..];
    if let Some(length) = head.lines().find_map(|l| {
        l.strip_prefix("content-length:")
            .and_then(|v| v.trim().parse::<usize>().ok())
    }) {
        return body.len() >= length;
    }
    head.contains("transfer-encoding: chunked") && body.ends_with(b"0\r\n\r\n")
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// The uid of the process that owns the socket listening on `port` (from /proc/net/tcp{,6} and /proc/*/fd).
pub fn listener_uid(port: u16) -> Option<u32> {
    let wanted = format!(":{port:04X}");
    let mut inodes = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.len() > 9 && fields[1].ends_with(&wanted) && fields[3] == "0A" {
                // fields[7] is the socket owner's uid, fields[9] its inode.
                inodes.push((fields[9].to_string(), fields[7].parse::<u32>().ok()));
            }
        }
    }
    let (inode, uid) = inodes.first()?.clone();
    let target = format!("socket:[{inode}]");
    // Every process holding the socket (nginx workers too); the lowest pid is the one that opened it.
    let mut holders: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        if fds.flatten().any(|fd| {
            std::fs::read_link(fd.path()).is_ok_and(|link| link.to_string_lossy() == target)
        }) {
            let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
            if let Some(real) = status
                .lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|ids| ids.split_whitespace().next()?.parse().ok())
            {
                holders.push((pid, real));
            }
        }
    }
    if let Some((_, real)) = holders.into_iter().min() {
        return Some(real);
    }
    uid
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// A server that behaves like uvicorn: when the client half-closes its side after the request, it drops the
    /// connection without answering; a client that keeps its side open gets the answer.
    fn uvicorn_like_server() -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            stream
                .set_read_timeout(Some(Duration::from_millis(300)))
                .unwrap();
            if let Ok(0) = stream.read(&mut buf) {
                return; // the client shut its side: uvicorn treats that as gone
            }
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\ncontent-type: text/plain\r\n\r\nhello\n",
            );
            // Keep the connection open a while, as a keep-alive server may: the probe must stop at Content-Length.
            std::thread::sleep(Duration::from_secs(3));
        });
        port
    }

    #[test]
    fn get_keeps_the_socket_open_until_the_answer_is_read() {
        let port = uvicorn_like_server();
        let started = std::time::Instant::now();
        let (status, body) = get(port, "/").expect("the probe must get an answer");
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert_eq!(body, "hello\n");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "the probe waited for the server to close although Content-Length was reached"
        );
    }

    #[test]
    fn dechunks_chunked_bodies() {
        assert_eq!(dechunk("5\r\nhello\r\n1\r\n\n\r\n0\r\n\r\n"), "hello\n");
    }
}
