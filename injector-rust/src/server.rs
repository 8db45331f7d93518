//! A thread per connection, at most `MAX_CONNECTIONS` at once (further clients wait in the listen
//! backlog). Idle or slow connections time out, so they cannot hold a slot for ever.

use crate::http::{read_request, Body, ReadError, Response};
use crate::registry::Registry;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub const MAX_CONNECTIONS: usize = 64;
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
const WRITE_TIMEOUT: Duration = Duration::from_secs(120);

struct Slots {
    used: Mutex<usize>,
    freed: Condvar,
}

impl Slots {
    fn acquire(&self) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used >= MAX_CONNECTIONS {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += 1;
    }

    fn release(&self) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= 1;
        self.freed.notify_one();
    }
}

pub fn serve(listener: TcpListener, registry: Registry) -> ! {
    let registry = Arc::new(registry);
    let slots = Arc::new(Slots { used: Mutex::new(0), freed: Condvar::new() });
    loop {
        slots.acquire();
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(_) => {
                slots.release();
                thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let (registry, worker_slots) = (Arc::clone(&registry), Arc::clone(&slots));
        let spawned = thread::Builder::new().stack_size(256 * 1024).spawn(move || {
            handle(stream, &registry, IDLE_TIMEOUT);
            worker_slots.release();
        });
        if spawned.is_err() {
            slots.release();
        }
    }
}

fn handle(stream: TcpStream, registry: &Registry, idle: Duration) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else { return };
    let mut reader = BufReader::with_capacity(8 * 1024, Deadline { stream, until: Instant::now() });
    let mut writer = BufWriter::with_capacity(64 * 1024, write_half);
    loop {
        // the whole head, and the idle time before it, must arrive within IDLE_TIMEOUT: a client that
        // trickles a header byte now and then cannot hold a connection slot for long
        reader.get_mut().until = Instant::now() + idle;
        let request = match read_request(&mut reader) {
            Ok(request) => request,
            Err(ReadError::Closed) => return,
            Err(ReadError::Bad(why)) => {
                let body = format!("{{\"errors\":[{{\"code\":\"BAD_REQUEST\",\"message\":\"{why}\"}}]}}\n");
                let _ = Response::new(400, "application/json; charset=utf-8", Body::Bytes(body.into_bytes())).write_to(&mut writer, false, false);
                linger(reader.get_mut());
                return;
            }
        };
        let keep_alive = request.keep_alive && !request.has_body;
        let response = registry.answer(&request.method, &request.path);
        let status = response.status;
        let result = response.write_to(&mut writer, request.method == "HEAD", keep_alive);
        log(&format!("{} {} {}", request.method, request.path.escape_debug(), status));
        if result.is_err() || !keep_alive {
            if result.is_ok() && request.has_body {
                linger(reader.get_mut());
            }
            return;
        }
    }
}

/// Closes gently after answering a request whose rest was not read: stop sending, then drain what the
/// client still sends (bounded in bytes and time), so the kernel does not reset the connection and
/// destroy the answer before the client has read it.
fn linger(conn: &mut Deadline) {
    let _ = conn.stream.shutdown(Shutdown::Write);
    conn.until = Instant::now() + Duration::from_secs(1);
    let _ = io::copy(&mut conn.take(1024 * 1024), &mut io::sink());
}

/// A socket whose reads fail once `until` has passed.
struct Deadline {
    stream: TcpStream,
    until: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "request head deadline passed"));
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// One line on stdout; a closed stdout must not take the server down (println! would panic).
pub fn log(line: &str) {
    let _ = writeln!(io::stdout().lock(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use std::path::PathBuf;

    /// A connected pair: the client end, and the server end handled on a thread with `idle`.
    fn connection(idle: Duration) -> (TcpStream, thread::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        let registry = Registry::new(PathBuf::from("/nonexistent"), Index::parse(r#"{"manifests":[]}"#).unwrap());
        (client, thread::spawn(move || handle(server, &registry, idle)))
    }

    fn read_all(client: &mut TcpStream) -> String {
        client.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut out = Vec::new();
        let _ = client.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn keep_alive_serves_several_requests_on_one_connection() {
        let (mut client, server) = connection(Duration::from_secs(5));
        client.write_all(b"GET /v2/ HTTP/1.1\r\n\r\nHEAD /v2/x/manifests/1 HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
        let answer = read_all(&mut client);
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(answer.contains("\r\n\r\n{}HTTP/1.1 404 Not Found\r\n"), "{answer}");
        assert!(answer.ends_with("Connection: close\r\n\r\n"), "HEAD has no body: {answer}");
        server.join().unwrap();
    }

    #[test]
    fn a_trickled_head_is_cut_off_at_the_deadline() {
        let (mut client, server) = connection(Duration::from_millis(600));
        let mut trickle = client.try_clone().unwrap();
        let started = Instant::now();
        let writer = thread::spawn(move || {
            let _ = trickle.write_all(b"GET /v2/ HTTP/1.1\r\n");
            for _ in 0..60 {
                thread::sleep(Duration::from_millis(100));
                let _ = trickle.write_all(b"X: y\r\n");
            }
        });
        let answer = read_all(&mut client);
        let elapsed = started.elapsed();
        assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
        assert!(elapsed < Duration::from_secs(3), "answered after {elapsed:?}, the trickle lasts 6 s");
        server.join().unwrap();
        writer.join().unwrap();
    }

    #[test]
    fn an_idle_connection_is_closed_without_an_answer() {
        let (mut client, server) = connection(Duration::from_millis(300));
        assert_eq!(read_all(&mut client), "");
        server.join().unwrap();
    }
}
