//! Validation of repository names, tags and digests, done before anything touches the filesystem.

/// `sha256:` and 64 lowercase hex characters.
pub fn is_digest(s: &str) -> bool {
    s.strip_prefix("sha256:").is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// A tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
pub fn is_tag(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
}

/// A repository name: `/`-separated components, each lowercase alphanumeric runs joined by `.`,
/// `_`, `__` or one or more `-` (the distribution grammar). No `..`, no empty component.
pub fn is_name(s: &str) -> bool {
    s.len() <= 255 && s.split('/').all(is_component)
}

fn is_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &b[start..i];
        let ok = sep == b"." || sep == b"_" || sep == b"__" || sep.iter().all(|&x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests() {
        let hex = "0123456789abcdef".repeat(4);
        assert!(is_digest(&format!("sha256:{hex}")));
        assert!(!is_digest(&format!("sha256:{}", hex.to_uppercase())));
        assert!(!is_digest(&format!("sha256:{}", &hex[1..])));
        assert!(!is_digest(&format!("sha256:{hex}0")));
        assert!(!is_digest(&format!("sha512:{hex}")));
        assert!(!is_digest(&format!("sha256:../../{}", &hex[6..])));
        assert!(!is_digest("sha256:"));
        assert!(!is_digest(&hex));
    }

    #[test]
    fn tags() {
        assert!(is_tag("2.8.3"));
        assert!(is_tag("latest"));
        assert!(is_tag("_x-Y.z"));
        assert!(!is_tag(""));
        assert!(!is_tag(".hidden"));
        assert!(!is_tag("-x"));
        assert!(!is_tag("a/b"));
        assert!(!is_tag("a:b"));
        assert!(!is_tag(&"a".repeat(129)));
    }

    #[test]
    fn names() {
        for ok in ["library/registry", "a", "a.b/c_d/e__f/g---h", "x0/1y"] {
            assert!(is_name(ok), "{ok}");
        }
        for bad in ["", "/a", "a/", "a//b", "..", "a/../b", "a/./b", "A", "a..b", "a___b", "-a", "a-", "a%2f", "a b"] {
            assert!(!is_name(bad), "{bad}");
        }
    }
}
