//! The seed layout's index.json as a lookup table: which manifest a `<name>:<tag>` means, and which
//! repository names exist.

use crate::json::Json;
use crate::names::is_digest;

pub const BASE_NAME: &str = "org.opencontainers.image.base.name";

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The `org.opencontainers.image.base.name` annotation, e.g. `library/registry:2.8.3`; None when absent.
    pub base_name: Option<String>,
    pub digest: String,
    pub media_type: Option<String>,
}

#[derive(Debug, Default)]
pub struct Index {
    entries: Vec<Entry>,
}

impl Index {
    /// Reads the entries; entries without a valid sha256 digest are skipped (never served).
    pub fn parse(text: &str) -> Result<Index, String> {
        let root = Json::parse(text)?;
        let manifests = root.get("manifests").and_then(Json::as_array).ok_or("index.json has no \"manifests\" array")?;
        let entries = manifests
            .iter()
            .filter_map(|m| {
                let digest = m.get("digest").and_then(Json::as_str).filter(|d| is_digest(d))?;
                Some(Entry {
                    base_name: m.get("annotations").and_then(|a| a.get(BASE_NAME)).and_then(Json::as_str).map(str::to_string),
                    digest: digest.to_string(),
                    media_type: m.get("mediaType").and_then(Json::as_str).map(str::to_string),
                })
            })
            .collect();
        Ok(Index { entries })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The entry annotated `<name>:<tag>`.
    pub fn by_tag(&self, name: &str, tag: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| {
            e.base_name
                .as_deref()
                .and_then(|b| b.strip_prefix(name))
                .and_then(|rest| rest.strip_prefix(':'))
                .is_some_and(|t| t == tag)
        })
    }

    /// Any entry with this digest (for its media type).
    pub fn by_digest(&self, digest: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.digest == digest)
    }

    /// Whether some entry's base name is `name` followed by `:tag` or `@digest`.
    pub fn knows_name(&self, name: &str) -> bool {
        self.entries.iter().any(|e| {
            e.base_name.as_deref().and_then(|b| b.strip_prefix(name)).is_some_and(|rest| {
                rest.strip_prefix(':').is_some_and(|t| !t.contains('/')) || rest.starts_with('@')
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(c: char) -> String {
        format!("sha256:{}", c.to_string().repeat(64))
    }

    fn index() -> Index {
        let text = format!(
            r#"{{"schemaVersion":2,"manifests":[
              {{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{a}","size":1,
                "annotations":{{"org.opencontainers.image.base.name":"library/registry:2.8.3"}}}},
              {{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{b}","size":1}},
              {{"digest":"{c}","size":1,"annotations":{{"org.opencontainers.image.base.name":"team/app@{c}"}}}},
              {{"digest":"sha256:../../etc/passwd","annotations":{{"org.opencontainers.image.base.name":"evil:1"}}}},
              {{"digest":"{e}","annotations":{{"other":"x"}}}}
            ]}}"#,
            a = d('a'),
            b = d('b'),
            c = d('c'),
            e = d('e')
        );
        Index::parse(&text).unwrap()
    }

    #[test]
    fn tag_lookup_uses_the_base_name_annotation() {
        let index = index();
        assert_eq!(index.len(), 4, "the entry with a malformed digest is dropped");
        let e = index.by_tag("library/registry", "2.8.3").unwrap();
        assert_eq!(e.digest, d('a'));
        assert_eq!(e.media_type.as_deref(), Some("application/vnd.oci.image.manifest.v1+json"));
        assert!(index.by_tag("library/registry", "2.8").is_none());
        assert!(index.by_tag("library/regis", "try:2.8.3").is_none());
        assert!(index.by_tag("registry", "2.8.3").is_none());
        assert!(index.by_tag("evil", "1").is_none());
    }

    #[test]
    fn entries_without_the_annotation_are_skipped_not_fatal() {
        let index = index();
        assert_eq!(index.by_digest(&d('b')).unwrap().base_name, None);
        assert!(index.by_tag("", "").is_none());
        assert!(!index.knows_name(""));
    }

    #[test]
    fn names_come_from_tag_and_digest_annotations() {
        let index = index();
        assert!(index.knows_name("library/registry"));
        assert!(index.knows_name("team/app"));
        assert!(!index.knows_name("library"));
        assert!(!index.knows_name("team/ap"));
        assert!(!index.knows_name("evil"));
    }

    #[test]
    fn a_broken_index_is_an_error() {
        assert!(Index::parse("{}").is_err());
        assert!(Index::parse("[").is_err());
        assert_eq!(Index::parse(r#"{"manifests":[]}"#).unwrap().len(), 0);
    }
}
