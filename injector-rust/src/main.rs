//! jackal-injector: the bootstrap registry of `jackal init`.
//!
//! `jackal-injector <sha256> [bind_address]` reassembles the payload parts from the init root in name
//! order, checks their SHA-256 against the argument, unpacks the gzip'd tar (an OCI layout) into the
//! seed root and serves it read-only over the OCI distribution API until killed.

mod gunzip;
mod http;
mod index;
mod json;
mod names;
mod payload;
mod registry;
mod server;
mod sha256;
mod untar;
#[cfg(test)]
mod testdir;

use std::fs;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const USAGE: &str = "usage: jackal-injector <sha256-of-payload> [bind-address, default 0.0.0.0:5000]\n       jackal-injector --version";
const DEFAULT_BIND: &str = "0.0.0.0:5000";

/// Where the parts are read and the seed is unpacked: Jackal's variables first, Zarf's as fallback.
const INIT_ROOT_VARS: [&str; 2] = ["JACKAL_INJECTOR_INIT_ROOT", "ZARF_INJECTOR_INIT_ROOT"];
const SEED_ROOT_VARS: [&str; 2] = ["JACKAL_INJECTOR_SEED_ROOT", "ZARF_INJECTOR_SEED_ROOT"];
const DEFAULT_INIT_ROOT: &str = "/jackal-init";
const DEFAULT_SEED_ROOT: &str = "/jackal-seed";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Version,
    Usage(String),
    Serve { sha256: String, bind: SocketAddr },
}

fn parse_args(args: &[String]) -> Command {
    let (sha, bind) = match args {
        [flag] if flag == "--version" || flag == "-V" => return Command::Version,
        [sha] => (sha, DEFAULT_BIND),
        [sha, bind] => (sha, bind.as_str()),
        _ => return Command::Usage(format!("expected 1 or 2 arguments, got {}", args.len())),
    };
    let hex = sha.strip_prefix("sha256:").unwrap_or(sha).to_ascii_lowercase();
    if !names::is_digest(&format!("sha256:{hex}")) {
        return Command::Usage(format!("'{sha}' is not a SHA-256 (64 hex characters)"));
    }
    match bind.parse() {
        Ok(bind) => Command::Serve { sha256: hex, bind },
        Err(_) => Command::Usage(format!("'{bind}' is not a bind address like 0.0.0.0:5000 or [::]:5000")),
    }
}

fn root(vars: &[&str], default: &str) -> PathBuf {
    vars.iter().find_map(|v| std::env::var_os(v).filter(|s| !s.is_empty())).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Command::Version => {
            println!("jackal-injector {VERSION}");
            ExitCode::SUCCESS
        }
        Command::Usage(why) => {
            eprintln!("jackal-injector: {why}\n{USAGE}");
            ExitCode::from(2)
        }
        Command::Serve { sha256, bind } => match prepare(&sha256, &root(&INIT_ROOT_VARS, DEFAULT_INIT_ROOT), &root(&SEED_ROOT_VARS, DEFAULT_SEED_ROOT), bind) {
            Ok((listener, registry)) => server::serve(listener, registry),
            Err(message) => {
                eprintln!("jackal-injector: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Verifies and unpacks the payload, reads its index and binds; nothing is served unless all succeed.
fn prepare(sha256: &str, init_root: &Path, seed_root: &Path, bind: SocketAddr) -> Result<(TcpListener, registry::Registry), String> {
    let images = unpack_payload(sha256, init_root, seed_root)?;
    let index_path = seed_root.join("index.json");
    let text = fs::read_to_string(&index_path).map_err(|e| format!("the payload has no readable index.json ({}): {e}", index_path.display()))?;
    let index = index::Index::parse(&text).map_err(|e| format!("{} is not an OCI index: {e}", index_path.display()))?;
    let listener = TcpListener::bind(bind).map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    server::log(&format!("jackal-injector {VERSION}: {images} files, {} index entries from {} on {bind}", index.len(), seed_root.display()));
    Ok((listener, registry::Registry::new(seed_root.to_path_buf(), index)))
}

/// Checks the parts' digest first (nothing unverified is ever unpacked), then unpacks them while
/// hashing again, so parts that change in between are caught too. On any failure everything
/// unpacked is removed again.
fn unpack_payload(expected: &str, init_root: &Path, seed_root: &Path) -> Result<usize, String> {
    let parts = payload::find_parts(init_root)?;
    let count = parts.len();
    let actual = payload::Parts::new(parts.clone()).finish_hex().map_err(|e| e.to_string())?;
    if actual != expected {
        return Err(format!(
            "payload checksum mismatch: expected sha256 {expected}, the {count} part(s) in {} have sha256 {actual}",
            init_root.display()
        ));
    }
    fs::create_dir_all(seed_root).map_err(|e| format!("cannot create the seed root {}: {e}", seed_root.display()))?;
    let mut created = Vec::new();
    let mut reader = payload::Parts::new(parts);
    let result = untar::unpack(gunzip::GzReader::new(&mut reader), seed_root, &mut created).and_then(|files| {
        let again = reader.finish_hex().map_err(|e| e.to_string())?;
        if again == expected {
            Ok(files)
        } else {
            Err(format!("payload checksum mismatch: the parts in {} changed while unpacking (now sha256 {again})", init_root.display()))
        }
    });
    result.map_err(|e| {
        for path in created.iter().rev() {
            let _ = fs::remove_file(path).or_else(|_| fs::remove_dir(path));
        }
        format!("cannot unpack the payload into {}: {e}", seed_root.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdir::TestDir;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    const SHA: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn version_flag_is_recognised() {
        assert_eq!(parse_args(&args(&["--version"])), Command::Version);
        assert_eq!(parse_args(&args(&["-V"])), Command::Version);
    }

    #[test]
    fn sha_and_optional_bind_address() {
        assert_eq!(parse_args(&args(&[SHA])), Command::Serve { sha256: SHA.into(), bind: "0.0.0.0:5000".parse().unwrap() });
        let upper = format!("sha256:{}", SHA.to_uppercase());
        assert_eq!(parse_args(&args(&[&upper, "[::]:5001"])), Command::Serve { sha256: SHA.into(), bind: "[::]:5001".parse().unwrap() });
    }

    #[test]
    fn anything_else_is_usage() {
        for bad in [&[][..], &["--version", "extra"], &["serve"], &[SHA, "nowhere"], &[SHA, "0.0.0.0:1", "x"], &[&SHA[1..]]] {
            assert!(matches!(parse_args(&args(bad)), Command::Usage(_)), "{bad:?}");
        }
    }

    fn payload(init: &Path, tar: &[u8], chunk: usize) -> String {
        let gz = gunzip::tests::gzip(tar);
        for (i, part) in gz.chunks(chunk).enumerate() {
            fs::write(init.join(format!("jackal-payload-{i:03}")), part).unwrap();
        }
        let mut h = sha256::Sha256::new();
        h.update(&gz);
        h.finish_hex()
    }

    #[test]
    fn a_verified_payload_is_unpacked() {
        let dir = TestDir::new("main-ok");
        let (init, seed) = (dir.path().join("init"), dir.path().join("seed"));
        fs::create_dir_all(&init).unwrap();
        let mut tar = Vec::new();
        untar::tests::entry(&mut tar, "index.json", b'0', b"{\"manifests\":[]}", "");
        untar::tests::entry(&mut tar, "blobs/sha256/x", b'0', &vec![5u8; 3000], "");
        untar::tests::finish(&mut tar);
        let sha = payload(&init, &tar, 100);
        assert_eq!(unpack_payload(&sha, &init, &seed), Ok(2));
        assert_eq!(fs::read(seed.join("blobs/sha256/x")).unwrap(), vec![5u8; 3000]);
    }

    #[test]
    fn a_checksum_mismatch_names_both_digests_and_unpacks_nothing() {
        let dir = TestDir::new("main-mismatch");
        let (init, seed) = (dir.path().join("init"), dir.path().join("seed"));
        fs::create_dir_all(&init).unwrap();
        let mut tar = Vec::new();
        untar::tests::entry(&mut tar, "index.json", b'0', b"{}", "");
        untar::tests::finish(&mut tar);
        let actual = payload(&init, &tar, 50);
        let err = unpack_payload(SHA, &init, &seed).unwrap_err();
        assert!(err.contains(SHA) && err.contains(&actual), "{err}");
        assert!(!seed.exists());
    }

    #[test]
    fn a_failed_unpack_removes_what_it_wrote() {
        let dir = TestDir::new("main-cleanup");
        let (init, seed) = (dir.path().join("init"), dir.path().join("seed"));
        fs::create_dir_all(&init).unwrap();
        fs::create_dir_all(&seed).unwrap();
        fs::write(seed.join("keep"), b"k").unwrap();
        let mut tar = Vec::new();
        untar::tests::entry(&mut tar, "blobs/sha256/a", b'0', b"a", "");
        untar::tests::entry(&mut tar, "../evil", b'0', b"e", "");
        untar::tests::finish(&mut tar);
        let sha = payload(&init, &tar, 1000);
        let err = unpack_payload(&sha, &init, &seed).unwrap_err();
        assert!(err.contains(".."), "{err}");
        let left: Vec<_> = fs::read_dir(&seed).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("keep")]);
        assert!(!dir.path().join("evil").exists());
    }
}
