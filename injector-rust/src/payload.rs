//! The payload parts: regular files in the init root whose names start with a payload prefix, read
//! back to back in name order while a SHA-256 runs over every byte.

use crate::sha256::Sha256;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Jackal's prefix first; Zarf's is accepted so a pod laid out the Zarf way works too.
pub const PREFIXES: [&str; 2] = ["jackal-payload-", "zarf-payload-"];

/// The parts under `root` with the first prefix that has any, sorted by name.
pub fn find_parts(root: &Path) -> Result<Vec<PathBuf>, String> {
    let listing = fs::read_dir(root).map_err(|e| format!("cannot list the init root {}: {e}", root.display()))?;
    let mut names: Vec<String> = Vec::new();
    for entry in listing {
        let entry = entry.map_err(|e| format!("cannot list the init root {}: {e}", root.display()))?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        // metadata() follows links: ConfigMap volumes mount their keys through symlinks.
        if fs::metadata(entry.path()).map(|m| m.is_file()).unwrap_or(false) {
            names.push(name);
        }
    }
    for prefix in PREFIXES {
        let mut parts: Vec<&String> = names.iter().filter(|n| n.starts_with(prefix)).collect();
        if !parts.is_empty() {
            parts.sort();
            return Ok(parts.into_iter().map(|n| root.join(n)).collect());
        }
    }
    Err(format!(
        "no payload parts in {}: expected files named {}000, {}001, ... (or {}000, ...)",
        root.display(),
        PREFIXES[0],
        PREFIXES[0],
        PREFIXES[1]
    ))
}

/// Reads the parts as one stream and hashes what it reads.
pub struct Parts {
    files: Vec<PathBuf>,
    next: usize,
    current: Option<File>,
    hasher: Sha256,
}

impl Parts {
    pub fn new(files: Vec<PathBuf>) -> Parts {
        Parts { files, next: 0, current: None, hasher: Sha256::new() }
    }

    /// Drains the rest of the stream and returns the SHA-256 of everything read.
    pub fn finish_hex(mut self) -> io::Result<String> {
        let mut buf = vec![0u8; 64 * 1024];
        while self.read(&mut buf)? > 0 {}
        Ok(self.hasher.finish_hex())
    }
}

impl Read for Parts {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.current.is_none() {
                let Some(path) = self.files.get(self.next) else { return Ok(0) };
                let file = File::open(path)
                    .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))?;
                self.current = Some(file);
                self.next += 1;
            }
            let n = self.current.as_mut().map_or(Ok(0), |f| f.read(buf))?;
            if n == 0 {
                self.current = None;
                continue;
            }
            self.hasher.update(&buf[..n]);
            return Ok(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdir::TestDir;

    #[test]
    fn parts_are_read_in_name_order_and_hashed() {
        let dir = TestDir::new("parts-order");
        fs::write(dir.path().join("jackal-payload-001"), b"bc").unwrap();
        fs::write(dir.path().join("jackal-payload-000"), b"a").unwrap();
        fs::write(dir.path().join("other"), b"zzz").unwrap();
        fs::create_dir(dir.path().join("jackal-payload-dir")).unwrap();
        let parts = find_parts(dir.path()).unwrap();
        assert_eq!(parts.len(), 2);
        let mut text = String::new();
        Parts::new(parts.clone()).read_to_string(&mut text).unwrap();
        assert_eq!(text, "abc");
        assert_eq!(
            Parts::new(parts).finish_hex().unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn zarf_prefix_is_used_when_there_is_no_jackal_part() {
        let dir = TestDir::new("parts-zarf");
        fs::write(dir.path().join("zarf-payload-000"), b"x").unwrap();
        let parts = find_parts(dir.path()).unwrap();
        assert_eq!(parts, vec![dir.path().join("zarf-payload-000")]);
    }

    #[test]
    fn no_parts_is_an_error_naming_the_root() {
        let dir = TestDir::new("parts-none");
        let err = find_parts(dir.path()).unwrap_err();
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        assert!(err.contains("jackal-payload-000"), "{err}");
    }
}
