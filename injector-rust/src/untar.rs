//! Unpacks a tar stream into a directory, treating the archive as hostile: only regular files and
//! directories, every path relative and free of `..`, nothing written through a symlink, checksummed
//! headers. ustar, pax (`path`, `size`) and GNU long names are understood.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

const BLOCK: usize = 512;
const MAX_META: u64 = 64 * 1024;

/// Unpacks `archive` under `root`; every file and directory it creates is pushed to `created` (in
/// creation order) so a caller can undo a failed unpack.
pub fn unpack<R: Read>(mut archive: R, root: &Path, created: &mut Vec<PathBuf>) -> Result<usize, String> {
    let mut header = [0u8; BLOCK];
    let mut long_name: Option<String> = None;
    let mut pax_size: Option<u64> = None;
    let mut files = 0;
    loop {
        if !read_block(&mut archive, &mut header)? {
            return Err("the archive ends without its end-of-archive blocks".into());
        }
        if header.iter().all(|&b| b == 0) {
            return Ok(files);
        }
        verify_checksum(&header)?;
        let kind = header[156];
        let size = pax_size.take().map_or_else(|| octal(&header[124..136]), Ok)?;
        match kind {
            b'x' | b'L' => {
                let meta = read_meta(&mut archive, size)?;
                if kind == b'L' {
                    long_name = Some(trim_nul(&meta).to_string());
                } else {
                    let (path, size) = parse_pax(&meta)?;
                    long_name = path.or(long_name);
                    pax_size = size;
                }
            }
            b'g' => skip(&mut archive, size)?,
            b'0' | 0 | b'5' => {
                let name = long_name.take().unwrap_or_else(|| header_name(&header));
                let rel = safe_path(&name)?;
                if kind == b'5' {
                    if !rel.as_os_str().is_empty() {
                        make_dirs(root, &rel, created)?;
                    }
                    skip(&mut archive, size)?;
                } else {
                    if rel.as_os_str().is_empty() {
                        return Err(format!("archive entry '{name}' is a file without a name"));
                    }
                    write_file(&mut archive, root, &rel, size, created)?;
                    files += 1;
                }
            }
            b'1' | b'2' => {
                return Err(format!("archive entry '{}' is a link; the payload may hold only files and directories", header_name(&header)))
            }
            other => {
                return Err(format!(
                    "archive entry '{}' has unsupported type '{}'",
                    header_name(&header),
                    char::from(other).escape_default()
                ))
            }
        }
    }
}

/// The entry name as a relative path, refusing absolute paths and `..`.
pub fn safe_path(name: &str) -> Result<PathBuf, String> {
    if name.starts_with('/') {
        return Err(format!("archive entry '{name}' has an absolute path"));
    }
    let mut path = PathBuf::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(format!("archive entry '{name}' climbs out of the seed root with '..'")),
            _ if part.contains('\0') || part.contains('\\') => {
                return Err(format!("archive entry '{}' has a forbidden character", name.escape_default()))
            }
            _ => path.push(part),
        }
    }
    Ok(path)
}

fn make_dirs(root: &Path, rel: &Path, created: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut dir = root.to_path_buf();
    for part in rel.components() {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Err(format!("{} exists and is not a directory; refusing to write through it", dir.display())),
            Err(_) => {
                fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                created.push(dir.clone());
            }
        }
    }
    Ok(())
}

fn write_file<R: Read>(archive: &mut R, root: &Path, rel: &Path, size: u64, created: &mut Vec<PathBuf>) -> Result<(), String> {
    if let Some(parent) = rel.parent() {
        make_dirs(root, parent, created)?;
    }
    let target = root.join(rel);
    let existed = match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_file() => true,
        Ok(_) => return Err(format!("{} exists and is not a regular file; refusing to write through it", target.display())),
        Err(_) => false,
    };
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&target)
        .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    if !existed {
        created.push(target.clone());
    }
    let copied = io::copy(&mut archive.by_ref().take(size), &mut file)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    if copied != size {
        return Err(format!("the archive ends inside {}", rel.display()));
    }
    file.flush().map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    skip(archive, padding(size))
}

fn read_block<R: Read>(r: &mut R, block: &mut [u8; BLOCK]) -> Result<bool, String> {
    let mut filled = 0;
    while filled < BLOCK {
        match r.read(&mut block[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => return Err("the archive ends inside a header".into()),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("cannot read the payload: {e}")),
        }
    }
    Ok(true)
}

fn read_meta<R: Read>(r: &mut R, size: u64) -> Result<Vec<u8>, String> {
    if size > MAX_META {
        return Err(format!("an archive metadata entry of {size} bytes is larger than {MAX_META}"));
    }
    let mut meta = vec![0u8; size as usize];
    r.read_exact(&mut meta).map_err(|e| format!("cannot read the payload: {e}"))?;
    skip(r, padding(size))?;
    Ok(meta)
}

fn skip<R: Read>(r: &mut R, size: u64) -> Result<(), String> {
    let skipped = io::copy(&mut r.by_ref().take(size), &mut io::sink()).map_err(|e| format!("cannot read the payload: {e}"))?;
    if skipped != size {
        return Err("the archive ends inside an entry".into());
    }
    Ok(())
}

fn padding(size: u64) -> u64 {
    (BLOCK as u64 - size % BLOCK as u64) % BLOCK as u64
}

fn verify_checksum(header: &[u8; BLOCK]) -> Result<(), String> {
    let stored = octal(&header[148..156])?;
    let sum: u64 = header.iter().enumerate().map(|(i, &b)| if (148..156).contains(&i) { 32 } else { u64::from(b) }).sum();
    if stored != sum {
        return Err("an archive header has a wrong checksum (not a tar archive?)".into());
    }
    Ok(())
}

fn octal(field: &[u8]) -> Result<u64, String> {
    if field[0] & 0x80 != 0 {
        // base-256, big-endian, for sizes beyond 8 GiB
        let mut v: u64 = u64::from(field[0] & 0x7f);
        for &b in &field[1..] {
            v = v.checked_mul(256).and_then(|v| v.checked_add(u64::from(b))).ok_or("an archive size field overflows")?;
        }
        return Ok(v);
    }
    let text = trim_nul(field).trim();
    if text.is_empty() {
        return Ok(0);
    }
    u64::from_str_radix(text, 8).map_err(|_| format!("an archive header field '{}' is not octal", text.escape_default()))
}

fn trim_nul(bytes: &[u8]) -> &str {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    std::str::from_utf8(&bytes[..end]).unwrap_or("\u{fffd}")
}

fn header_name(header: &[u8; BLOCK]) -> String {
    let name = trim_nul(&header[0..100]);
    let prefix = if &header[257..262] == b"ustar" { trim_nul(&header[345..500]) } else { "" };
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}/{name}")
    }
}

/// pax records: "<len> <key>=<value>\n"; only path and size matter here.
fn parse_pax(meta: &[u8]) -> Result<(Option<String>, Option<u64>), String> {
    let mut rest = meta;
    let (mut path, mut size) = (None, None);
    while !rest.is_empty() {
        let space = rest.iter().position(|&b| b == b' ').ok_or("a pax record has no length")?;
        let len: usize = std::str::from_utf8(&rest[..space])
            .ok()
            .and_then(|s| s.parse().ok())
            .filter(|&l| l > space + 1 && l <= rest.len())
            .ok_or("a pax record has a bad length")?;
        let record = std::str::from_utf8(&rest[space + 1..len - 1]).map_err(|_| "a pax record is not UTF-8")?;
        if let Some((key, value)) = record.split_once('=') {
            match key {
                "path" => path = Some(value.to_string()),
                "size" => size = Some(value.parse().map_err(|_| "a pax size is not a number")?),
                _ => {}
            }
        }
        rest = &rest[len..];
    }
    Ok((path, size))
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::testdir::TestDir;

    /// Appends one ustar entry (test helper for this and other modules).
    pub fn entry(tar: &mut Vec<u8>, name: &str, kind: u8, data: &[u8], link: &str) {
        let mut h = [0u8; BLOCK];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..107].copy_from_slice(b"0000644");
        h[108..115].copy_from_slice(b"0000000");
        h[116..123].copy_from_slice(b"0000000");
        h[124..135].copy_from_slice(format!("{:011o}", data.len()).as_bytes());
        h[136..147].copy_from_slice(b"00000000000");
        h[156] = kind;
        h[157..157 + link.len()].copy_from_slice(link.as_bytes());
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        tar.extend_from_slice(&h);
        tar.extend_from_slice(data);
        tar.resize(tar.len() + padding(data.len() as u64) as usize, 0);
    }

    pub fn finish(tar: &mut Vec<u8>) {
        tar.resize(tar.len() + 2 * BLOCK, 0);
    }

    fn unpack_into(tar: &[u8], root: &Path) -> (Result<usize, String>, Vec<PathBuf>) {
        let mut created = Vec::new();
        let result = unpack(tar, root, &mut created);
        (result, created)
    }

    #[test]
    fn files_and_directories_are_unpacked() {
        let dir = TestDir::new("untar-ok");
        let mut tar = Vec::new();
        entry(&mut tar, "./", b'5', b"", "");
        entry(&mut tar, "blobs/", b'5', b"", "");
        entry(&mut tar, "blobs/sha256/abc", b'0', b"blob bytes", "");
        entry(&mut tar, "index.json", b'0', b"{}", "");
        finish(&mut tar);
        let (result, created) = unpack_into(&tar, dir.path());
        assert_eq!(result, Ok(2));
        assert_eq!(fs::read(dir.path().join("blobs/sha256/abc")).unwrap(), b"blob bytes");
        assert_eq!(fs::read(dir.path().join("index.json")).unwrap(), b"{}");
        assert_eq!(created.len(), 4);
    }

    #[test]
    fn pax_and_gnu_long_names_are_honoured() {
        let dir = TestDir::new("untar-long");
        let long = format!("blobs/sha256/{}", "a".repeat(120));
        let mut tar = Vec::new();
        let record = format!("path={long}\n");
        let len = record.len() + 4; // "NNN " prefix, three digits
        entry(&mut tar, "PaxHeaders/x", b'x', format!("{len} {record}").as_bytes(), "");
        entry(&mut tar, "truncated-name", b'0', b"pax", "");
        entry(&mut tar, "././@LongLink", b'L', format!("{long}-gnu\0").as_bytes(), "");
        entry(&mut tar, "truncated-name", b'0', b"gnu", "");
        finish(&mut tar);
        let (result, _) = unpack_into(&tar, dir.path());
        assert_eq!(result, Ok(2));
        assert_eq!(fs::read(dir.path().join(&long)).unwrap(), b"pax");
        assert_eq!(fs::read(dir.path().join(format!("{long}-gnu"))).unwrap(), b"gnu");
    }

    #[test]
    fn escaping_paths_are_refused() {
        for name in ["../evil", "blobs/../../evil", "/etc/evil", "a/./../../evil"] {
            let dir = TestDir::new("untar-escape");
            let inner = dir.path().join("seed");
            fs::create_dir(&inner).unwrap();
            let mut tar = Vec::new();
            entry(&mut tar, name, b'0', b"x", "");
            finish(&mut tar);
            let (result, created) = unpack_into(&tar, &inner);
            assert!(result.is_err(), "{name} was accepted");
            assert!(created.is_empty(), "{name} created {created:?}");
            assert!(!dir.path().join("evil").exists());
        }
    }

    #[test]
    fn links_and_special_entries_are_refused() {
        for (kind, link) in [(b'2', "/etc/passwd"), (b'1', "index.json"), (b'3', ""), (b'6', "")] {
            let dir = TestDir::new("untar-link");
            let mut tar = Vec::new();
            entry(&mut tar, "index.json", kind, b"", link);
            finish(&mut tar);
            let (result, _) = unpack_into(&tar, dir.path());
            assert!(result.is_err(), "type {} accepted", char::from(kind));
            assert!(fs::symlink_metadata(dir.path().join("index.json")).is_err());
        }
    }

    #[test]
    fn existing_symlinks_are_never_written_through() {
        let dir = TestDir::new("untar-symlink");
        let seed = dir.path().join("seed");
        let outside = dir.path().join("outside");
        fs::create_dir_all(&seed).unwrap();
        fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, seed.join("blobs")).unwrap();
        std::os::unix::fs::symlink(outside.join("file"), seed.join("index.json")).unwrap();
        for name in ["blobs/x", "index.json"] {
            let mut tar = Vec::new();
            entry(&mut tar, name, b'0', b"x", "");
            finish(&mut tar);
            let (result, _) = unpack_into(&tar, &seed);
            assert!(result.is_err(), "{name} written through a symlink");
        }
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
    }

    #[test]
    fn corrupt_and_truncated_archives_are_refused() {
        let dir = TestDir::new("untar-corrupt");
        let mut tar = Vec::new();
        entry(&mut tar, "index.json", b'0', b"0123456789", "");
        finish(&mut tar);
        let mut bad_sum = tar.clone();
        bad_sum[0] = b'j';
        assert!(unpack_into(&bad_sum, dir.path()).0.is_err());
        assert!(unpack_into(&tar[..BLOCK + 5], dir.path()).0.is_err());
        assert!(unpack_into(&tar[..BLOCK + BLOCK], dir.path()).0.is_err(), "missing end blocks");
        assert!(unpack_into(b"garbage", dir.path()).0.is_err());
    }
}
