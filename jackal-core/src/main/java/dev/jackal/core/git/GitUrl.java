package dev.jackal.core.git;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A git repository URL as written in a definition, with an optional {@code @ref} (spec §1.5, §2.3, §6.6):
 * {@code https://host/org/repo.git@v1.0.0}. Names derived from it follow Zarf's so packages and
 * in-cluster repositories line up: the package folder {@code <repo>-<crc32 of the URL with ref>} and the
 * air-gap repository name {@code <repo>-<crc32 of host/path/repo>}.
 */
public final class GitUrl {

    private static final Pattern PATTERN =
            Pattern.compile("^(?<proto>[a-z]+://)(?<hostPath>.+?)/(?<repo>[\\w\\-.]+?)?(?<git>\\.git)?/?"
                    + "(?<atRef>@(?<force>\\+)?(?<ref>[/+\\w\\-.]+))?"
                    + "(?<gitPath>/(?:info/.*|git-upload-pack|git-receive-pack))?$");

    private final String proto;
    private final String hostPath;
    private final String repo;
    private final String git;
    private final String atRef;
    private final String ref;
    private final String gitPath;

    private GitUrl(Matcher m) {
        this.proto = m.group("proto");
        this.hostPath = m.group("hostPath");
        this.repo = orEmpty(m.group("repo"));
        this.git = orEmpty(m.group("git"));
        this.atRef = orEmpty(m.group("atRef"));
        this.ref = orEmpty(m.group("ref"));
        this.gitPath = orEmpty(m.group("gitPath"));
    }

    /** Parses {@code url}; throws {@link IllegalArgumentException} naming it when it is not a git URL. */
    public static GitUrl parse(String url) {
        Matcher matcher = PATTERN.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + url + "' is not a git URL of the form" + " scheme://host/path/repo[.git][@ref]");
        }
        return new GitUrl(matcher);
    }

    /** The URL to clone: without {@code @ref}. */
    public String withoutRef() {
        return proto + hostPath + "/" + repo + git;
    }

    /** The ref after {@code @}, or empty for "all refs". */
    public String ref() {
        return ref;
    }

    /** The repository's last path segment without {@code .git}. */
    public String repo() {
        return repo;
    }

    /** The folder inside a package's {@code repos/}: different refs of one repository get different folders. */
    public String folderName() {
        return repo + "-" + crc32(proto + hostPath + "/" + repo + git + atRef);
    }

    /** The repository name on the air-gap git server: the same for http/https and with or without {@code .git}. */
    public String airgapName() {
        return repo + "-" + crc32(hostPath + "/" + repo);
    }

    /** The URL of this repository on the air-gap server {@code targetBaseUrl} under {@code pushUser}. */
    public String airgapUrl(String targetBaseUrl, String pushUser) {
        return targetBaseUrl + "/" + pushUser + "/" + airgapName() + git + gitPath;
    }

    /** CRC-32 (IEEE) of the UTF-8 bytes, as an unsigned decimal. */
    public static long crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return proto + hostPath + "/" + repo + git + atRef + gitPath;
    }
}
