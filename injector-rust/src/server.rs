//! A thread per connection, at most `MAX_CONNECTIONS` at once (further clients wait in the listen
//! backlog). Idle or slow connections time out, so they cannot hold a slot for ever.

use crate::http::{read_request, Body, ReadError, Response};
use crate::registry::Registry;
use std::io::{self, BufReader, BufWriter, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

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
            handle(stream, &registry);
            worker_slots.release();
        });
        if spawned.is_err() {
            slots.release();
        }
    }
}

fn handle(stream: TcpStream, registry: &Registry) {
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else { return };
    let mut reader = BufReader::with_capacity(8 * 1024, stream);
    let mut writer = BufWriter::with_capacity(64 * 1024, write_half);
    loop {
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
        println!("{} {} {}", request.method, request.path.escape_debug(), status);
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
fn linger(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let _ = io::copy(&mut stream.take(1024 * 1024), &mut io::sink());
}
