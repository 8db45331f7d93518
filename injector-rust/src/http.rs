//! Just enough HTTP/1.1: one request head read with hard limits, one response written with
//! `Content-Length` (bodies are bytes or a file streamed from disk), keep-alive when the client wants it.

use std::fs::File;
use std::io::{self, BufRead, Read, Write};

/// Limits on a request head: a client that sends more gets 400 and the connection is closed.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
pub const MAX_HEADERS: usize = 100;

#[derive(Debug, PartialEq)]
pub struct Request {
    pub method: String,
    /// The path without query string.
    pub path: String,
    pub keep_alive: bool,
    /// A request body was announced; it is not read, so the connection must close after the answer.
    pub has_body: bool,
}

#[derive(Debug, PartialEq)]
pub enum ReadError {
    /// The client closed (or timed out) before sending a request.
    Closed,
    /// The head is malformed or too large: answer 400 and close.
    Bad(&'static str),
}

pub fn read_request<R: BufRead>(r: &mut R) -> Result<Request, ReadError> {
    let mut budget = MAX_HEAD_BYTES;
    let mut line = Vec::new();
    // RFC 9112: a server should ignore empty lines before the request line.
    loop {
        read_line(r, &mut line, &mut budget, true)?;
        if !line.is_empty() {
            break;
        }
    }
    let text = std::str::from_utf8(&line).map_err(|_| ReadError::Bad("request line is not text"))?;
    let mut parts = text.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(ReadError::Bad("malformed request line"));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(ReadError::Bad("malformed method"));
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(ReadError::Bad("unsupported HTTP version")),
    };
    if !target.starts_with('/') {
        return Err(ReadError::Bad("request target is not a path"));
    }
    let path = target.split(['?', '#']).next().unwrap_or("").to_string();
    let mut request = Request { method: method.to_string(), path, keep_alive: http11, has_body: false };
    for count in 0.. {
        read_line(r, &mut line, &mut budget, false)?;
        if line.is_empty() {
            return Ok(request);
        }
        if count >= MAX_HEADERS {
            return Err(ReadError::Bad("too many headers"));
        }
        let header = std::str::from_utf8(&line).map_err(|_| ReadError::Bad("header is not text"))?;
        let (name, value) = header.split_once(':').ok_or(ReadError::Bad("malformed header"))?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("connection") {
            let v = value.to_ascii_lowercase();
            if v.contains("close") {
                request.keep_alive = false;
            } else if v.contains("keep-alive") {
                request.keep_alive = true;
            }
        } else if name.eq_ignore_ascii_case("content-length") {
            let n: u64 = value.parse().map_err(|_| ReadError::Bad("malformed content-length"))?;
            request.has_body |= n > 0;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            request.has_body = true;
        }
    }
    unreachable!()
}

/// Reads one line without its CR LF into `line`, charging it to `budget`.
fn read_line<R: BufRead>(r: &mut R, line: &mut Vec<u8>, budget: &mut usize, first: bool) -> Result<(), ReadError> {
    line.clear();
    let limit = (*budget as u64) + 1;
    let n = match r.by_ref().take(limit).read_until(b'\n', line) {
        Ok(n) => n,
        Err(_) if first && line.is_empty() => return Err(ReadError::Closed),
        Err(_) => return Err(ReadError::Bad("cannot read the request")),
    };
    if n == 0 {
        return Err(if first { ReadError::Closed } else { ReadError::Bad("request head ends early") });
    }
    if n > *budget {
        return Err(ReadError::Bad("request head too large"));
    }
    *budget -= n;
    if line.last() != Some(&b'\n') {
        return Err(ReadError::Bad("request head ends early"));
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(())
}

pub enum Body {
    Bytes(Vec<u8>),
    File(File, u64),
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Body) -> Response {
        Response { status, headers: vec![("Content-Type", content_type.to_string())], body }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    pub fn len(&self) -> u64 {
        match &self.body {
            Body::Bytes(b) => b.len() as u64,
            Body::File(_, n) => *n,
        }
    }

    /// Writes the response; without the body for HEAD. The body of a file is streamed and must be
    /// exactly the announced length, or the connection is broken off.
    pub fn write_to<W: Write>(self, w: &mut W, head_only: bool, keep_alive: bool) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.len()));
        if !keep_alive {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        w.write_all(head.as_bytes())?;
        if !head_only {
            match self.body {
                Body::Bytes(b) => w.write_all(&b)?,
                Body::File(f, n) => {
                    let copied = io::copy(&mut f.take(n), w)?;
                    if copied != n {
                        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "file shrank while serving it"));
                    }
                }
            }
        }
        w.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Request, ReadError> {
        read_request(&mut io::BufReader::new(raw.as_bytes()))
    }

    #[test]
    fn a_get_with_query_and_headers() {
        let r = parse("GET /v2/library/registry/manifests/2.8.3?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n").unwrap();
        assert_eq!(r, Request { method: "GET".into(), path: "/v2/library/registry/manifests/2.8.3".into(), keep_alive: true, has_body: false });
    }

    #[test]
    fn connection_and_body_headers() {
        assert!(!parse("HEAD /v2/ HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap().keep_alive);
        assert!(!parse("GET /v2/ HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(parse("GET /v2/ HTTP/1.0\r\nconnection: Keep-Alive\r\n\r\n").unwrap().keep_alive);
        assert!(parse("POST /v2/ HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").unwrap().has_body);
        assert!(parse("POST /v2/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap().has_body);
        assert!(!parse("GET /v2/ HTTP/1.1\r\nContent-Length: 0\r\n\r\n").unwrap().has_body);
        assert!(parse("\r\nGET /v2/ HTTP/1.1\nHost: a\n\n").is_ok(), "bare LF and a leading empty line");
    }

    #[test]
    fn malformed_heads_are_bad_requests() {
        for raw in [
            "GET\r\n\r\n",
            "GET /v2/\r\n\r\n",
            "GET  /v2/ HTTP/1.1\r\n\r\n",
            "GET /v2/ HTTP/2.0\r\n\r\n",
            "get /v2/ HTTP/1.1\r\n\r\n",
            "GET http://x/v2/ HTTP/1.1\r\n\r\n",
            "GET /v2/ HTTP/1.1 extra\r\n\r\n",
            "GET /v2/ HTTP/1.1\r\nno-colon\r\n\r\n",
            "GET /v2/ HTTP/1.1\r\nContent-Length: x\r\n\r\n",
            "GET /v2/ HTTP/1.1\r\nHost: a\r\n",
            "\u{ff}\u{fe} / HTTP/1.1\r\n\r\n",
        ] {
            assert!(matches!(parse(raw), Err(ReadError::Bad(_))), "{raw:?}");
        }
        assert_eq!(parse(""), Err(ReadError::Closed));
    }

    #[test]
    fn huge_heads_are_refused() {
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD_BYTES));
        assert_eq!(parse(&long_line), Err(ReadError::Bad("request head too large")));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(MAX_HEADERS + 1));
        assert_eq!(parse(&many), Err(ReadError::Bad("too many headers")));
        let big_header = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "y".repeat(MAX_HEAD_BYTES));
        assert_eq!(parse(&big_header), Err(ReadError::Bad("request head too large")));
    }

    #[test]
    fn head_responses_announce_the_length_without_a_body() {
        let mut out = Vec::new();
        Response::new(200, "application/json", Body::Bytes(b"{}".to_vec())).header("X-A", "b").write_to(&mut out, true, true).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-A: b\r\nContent-Length: 2\r\n\r\n");
        let mut out = Vec::new();
        Response::new(404, "text/plain", Body::Bytes(b"no".to_vec())).write_to(&mut out, false, false).unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("Content-Length: 2\r\nConnection: close\r\n\r\nno"));
    }
}
