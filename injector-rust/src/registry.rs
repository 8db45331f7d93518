//! The read-only distribution API over an unpacked OCI layout: routing and answers. Every name,
//! tag and digest is validated before a path is built, and a path is only ever
//! `<root>/blobs/sha256/<64 hex>`.

use crate::http::{Body, Response};
use crate::index::Index;
use crate::json::Json;
use crate::names::{is_digest, is_name, is_tag};
use std::fs::{self, File};
use std::io::Read;
use std::path::PathBuf;

const API_VERSION: &str = "registry/2.0";
const JSON: &str = "application/json; charset=utf-8";
const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// Registries refuse larger manifests; so does the injector (it reads them into memory).
const MAX_MANIFEST: u64 = 4 * 1024 * 1024;

#[derive(Debug, PartialEq)]
pub enum Route<'a> {
    Base,
    Manifest { name: &'a str, reference: &'a str },
    Blob { name: &'a str, digest: &'a str },
    Unknown(&'static str),
}

/// Maps a request path to a route; the name and reference are validated here.
pub fn route(path: &str) -> Route<'_> {
    if path == "/v2" || path == "/v2/" {
        return Route::Base;
    }
    let Some(rest) = path.strip_prefix("/v2/") else { return Route::Unknown("NOT_FOUND") };
    for (marker, manifest) in [("/manifests/", true), ("/blobs/", false)] {
        let Some(at) = rest.rfind(marker) else { continue };
        let (name, reference) = (&rest[..at], &rest[at + marker.len()..]);
        if reference.contains('/') {
            continue;
        }
        if !is_name(name) {
            return Route::Unknown("NAME_INVALID");
        }
        return if manifest {
            if is_digest(reference) || is_tag(reference) {
                Route::Manifest { name, reference }
            } else if reference.contains(':') {
                Route::Unknown("DIGEST_INVALID")
            } else {
                Route::Unknown("TAG_INVALID")
            }
        } else if is_digest(reference) {
            Route::Blob { name, digest: reference }
        } else {
            Route::Unknown("DIGEST_INVALID")
        };
    }
    Route::Unknown("NOT_FOUND")
}

pub struct Registry {
    root: PathBuf,
    index: Index,
}

impl Registry {
    pub fn new(root: PathBuf, index: Index) -> Registry {
        Registry { root, index }
    }

    /// The answer to one request; never fails, anything unknown is a 404 with a distribution-style body.
    pub fn answer(&self, method: &str, path: &str) -> Response {
        if method != "GET" && method != "HEAD" {
            return error("UNSUPPORTED", "the injector serves GET and HEAD only");
        }
        match route(path) {
            Route::Base => Response::new(200, JSON, Body::Bytes(b"{}".to_vec())).header("Docker-Distribution-Api-Version", API_VERSION),
            Route::Manifest { name, reference } => self.manifest(name, reference),
            Route::Blob { name, digest } => self.blob(name, digest),
            Route::Unknown(code) => error(code, "no such route in the injector's read-only registry"),
        }
    }

    fn manifest(&self, name: &str, reference: &str) -> Response {
        if !self.index.knows_name(name) {
            return error("NAME_UNKNOWN", "repository name not known to registry");
        }
        let digest = if is_digest(reference) {
            reference.to_string()
        } else {
            match self.index.by_tag(name, reference) {
                Some(entry) => entry.digest.clone(),
                None => return error("MANIFEST_UNKNOWN", "manifest unknown"),
            }
        };
        let Some(bytes) = self.read_manifest(&digest) else { return error("MANIFEST_UNKNOWN", "manifest unknown") };
        let from_index = self.index.by_digest(&digest).and_then(|e| e.media_type.clone());
        let Some(media_type) = from_index.or_else(|| own_media_type(&bytes)) else {
            return error("MANIFEST_UNKNOWN", "manifest unknown");
        };
        Response::new(200, &media_type, Body::Bytes(bytes))
            .header("Docker-Content-Digest", digest.clone())
            .header("Etag", format!("\"{digest}\""))
            .header("Docker-Distribution-Api-Version", API_VERSION)
    }

    fn read_manifest(&self, digest: &str) -> Option<Vec<u8>> {
        let file = File::open(self.blob_path(digest)).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() > MAX_MANIFEST {
            return None;
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(MAX_MANIFEST).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }

    fn blob(&self, name: &str, digest: &str) -> Response {
        if !self.index.knows_name(name) {
            return error("NAME_UNKNOWN", "repository name not known to registry");
        }
        let path = self.blob_path(digest);
        let opened = fs::metadata(&path).ok().filter(|m| m.is_file()).and_then(|m| File::open(&path).ok().map(|f| (f, m.len())));
        let Some((file, len)) = opened else { return error("BLOB_UNKNOWN", "blob unknown to registry") };
        Response::new(200, "application/octet-stream", Body::File(file, len))
            .header("Docker-Content-Digest", digest)
            .header("Etag", format!("\"{digest}\""))
            .header("Docker-Distribution-Api-Version", API_VERSION)
            .header("Cache-Control", "max-age=31536000")
    }

    /// Only called with a validated digest.
    fn blob_path(&self, digest: &str) -> PathBuf {
        debug_assert!(is_digest(digest));
        self.root.join("blobs").join("sha256").join(&digest["sha256:".len()..])
    }
}

/// The manifest's `mediaType` field; without one, an OCI index if it lists manifests, an OCI image
/// manifest if it has a config; None if it is not a manifest at all.
fn own_media_type(bytes: &[u8]) -> Option<String> {
    let value = Json::parse(std::str::from_utf8(bytes).ok()?).ok()?;
    if let Some(t) = value.get("mediaType").and_then(Json::as_str) {
        return Some(t.to_string());
    }
    if value.get("manifests").is_some() {
        Some(OCI_INDEX.to_string())
    } else if value.get("config").is_some() {
        Some(OCI_MANIFEST.to_string())
    } else {
        None
    }
}

fn error(code: &str, message: &str) -> Response {
    let body = format!("{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"{message}\"}}]}}\n");
    Response::new(404, JSON, Body::Bytes(body.into_bytes())).header("Docker-Distribution-Api-Version", API_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdir::TestDir;

    fn hex(c: char) -> String {
        c.to_string().repeat(64)
    }

    #[test]
    fn routes() {
        let d = format!("sha256:{}", hex('a'));
        assert_eq!(route("/v2"), Route::Base);
        assert_eq!(route("/v2/"), Route::Base);
        assert_eq!(route("/v2/library/registry/manifests/2.8.3"), Route::Manifest { name: "library/registry", reference: "2.8.3" });
        assert_eq!(route(&format!("/v2/a/manifests/{d}")), Route::Manifest { name: "a", reference: &d });
        assert_eq!(route(&format!("/v2/a/b/blobs/{d}")), Route::Blob { name: "a/b", digest: &d });
        assert_eq!(route("/v2/manifests/blobs/manifests/x"), Route::Manifest { name: "manifests/blobs", reference: "x" });
        assert_eq!(route("/v2/a/blobs/sha256:abc"), Route::Unknown("DIGEST_INVALID"));
        assert_eq!(route("/v2/a/blobs/sha256:../../../etc/passwd"), Route::Unknown("NOT_FOUND"));
        assert_eq!(route(&format!("/v2/a/blobs/sha256:{}", hex('A'))), Route::Unknown("DIGEST_INVALID"));
        assert_eq!(route("/v2/a/manifests/sha256:zz"), Route::Unknown("DIGEST_INVALID"));
        assert_eq!(route("/v2/../../etc/manifests/x"), Route::Unknown("NAME_INVALID"));
        assert_eq!(route("/v2/a/manifests/.x"), Route::Unknown("TAG_INVALID"));
        assert_eq!(route("/v2/a/manifests/"), Route::Unknown("TAG_INVALID"));
        assert_eq!(route("/v2/_catalog"), Route::Unknown("NOT_FOUND"));
        assert_eq!(route("/v2/a/tags/list"), Route::Unknown("NOT_FOUND"));
        assert_eq!(route("/"), Route::Unknown("NOT_FOUND"));
        assert_eq!(route("/v22/"), Route::Unknown("NOT_FOUND"));
    }

    fn registry(dir: &TestDir) -> (Registry, String, String, String) {
        let blobs = dir.path().join("blobs/sha256");
        fs::create_dir_all(&blobs).unwrap();
        let manifest = br#"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{}}"#;
        let bare = br#"{"schemaVersion":2,"manifests":[]}"#;
        let (m, b, layer) = (hex('1'), hex('2'), hex('3'));
        fs::write(blobs.join(&m), manifest).unwrap();
        fs::write(blobs.join(&b), bare).unwrap();
        fs::write(blobs.join(&layer), b"layer bytes").unwrap();
        let index = format!(
            r#"{{"manifests":[{{"digest":"sha256:{m}","annotations":{{"{}":"library/app:1.0"}}}},{{"digest":"sha256:{b}"}}]}}"#,
            crate::index::BASE_NAME
        );
        (Registry::new(dir.path().to_path_buf(), Index::parse(&index).unwrap()), m, b, layer)
    }

    fn header<'a>(r: &'a Response, name: &str) -> Option<&'a str> {
        r.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    #[test]
    fn manifests_by_tag_and_digest_carry_their_own_media_type() {
        let dir = TestDir::new("registry-manifest");
        let (reg, m, b, _) = registry(&dir);
        let by_tag = reg.answer("GET", "/v2/library/app/manifests/1.0");
        assert_eq!(by_tag.status, 200);
        assert_eq!(header(&by_tag, "Content-Type"), Some("application/vnd.docker.distribution.manifest.v2+json"));
        assert_eq!(header(&by_tag, "Docker-Content-Digest"), Some(format!("sha256:{m}").as_str()));
        let by_digest = reg.answer("HEAD", &format!("/v2/library/app/manifests/sha256:{b}"));
        assert_eq!(by_digest.status, 200);
        assert_eq!(header(&by_digest, "Content-Type"), Some(OCI_INDEX));
        assert_eq!(by_digest.len(), 34);
    }

    #[test]
    fn unknown_things_are_404() {
        let dir = TestDir::new("registry-404");
        let (reg, m, _, layer) = registry(&dir);
        for path in [
            "/v2/library/app/manifests/2.0".to_string(),
            "/v2/library/other/manifests/1.0".to_string(),
            format!("/v2/library/other/blobs/sha256:{layer}"),
            format!("/v2/library/app/blobs/sha256:{}", hex('9')),
            format!("/v2/library/app/manifests/sha256:{layer}"),
            "/v2/library/app/blobs/sha256:123".to_string(),
            "/v2/_catalog".to_string(),
        ] {
            let r = reg.answer("GET", &path);
            assert_eq!(r.status, 404, "{path}");
            assert!(header(&r, "Docker-Distribution-Api-Version").is_some());
        }
        assert_eq!(reg.answer("PUT", &format!("/v2/library/app/manifests/sha256:{m}")).status, 404);
        assert_eq!(reg.answer("DELETE", "/v2/").status, 404);
    }

    #[test]
    fn blobs_are_streamed_with_their_length() {
        let dir = TestDir::new("registry-blob");
        let (reg, _, _, layer) = registry(&dir);
        let r = reg.answer("GET", &format!("/v2/library/app/blobs/sha256:{layer}"));
        assert_eq!(r.status, 200);
        assert_eq!(r.len(), 11);
        let mut out = Vec::new();
        r.write_to(&mut out, false, true).unwrap();
        assert!(out.ends_with(b"\r\n\r\nlayer bytes"));
    }
}
