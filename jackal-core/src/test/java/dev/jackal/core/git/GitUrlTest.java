package dev.jackal.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GitUrlTest {

    @Test
    void namesMatchZarfs() {
        GitUrl url = GitUrl.parse("https://github.com/stefanprodan/podinfo.git@6.4.0");
        assertEquals("https://github.com/stefanprodan/podinfo.git", url.withoutRef());
        assertEquals("6.4.0", url.ref());
        assertEquals("podinfo-1972888344", url.folderName());
        assertEquals("podinfo-1646971829", url.airgapName());
        assertEquals(
                "http://gitea:3000/jackal-git-user/podinfo-1646971829.git",
                url.airgapUrl("http://gitea:3000", "jackal-git-user"));
    }

    @Test
    void airgapNameIgnoresSchemeAndDotGit() {
        assertEquals(
                GitUrl.parse("http://github.com/stefanprodan/podinfo").airgapName(),
                GitUrl.parse("https://github.com/stefanprodan/podinfo.git").airgapName());
    }

    @Test
    void refsOfEveryKind() {
        assertEquals(
                "refs/heads/feature",
                GitUrl.parse("https://h/o/r.git@refs/heads/feature").ref());
        assertEquals(
                "0123456789abcdef0123456789abcdef01234567",
                GitUrl.parse("https://h/o/r.git@0123456789abcdef0123456789abcdef01234567")
                        .ref());
        assertEquals("", GitUrl.parse("https://h/o/r.git").ref());
        assertEquals(
                "47672159",
                GitUrl.parse("https://github.com/stefanprodan/podinfo.git")
                        .folderName()
                        .substring("podinfo-".length()));
    }

    @Test
    void notAGitUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GitUrl.parse("podinfo"));
        assertEquals("'podinfo' is not a git URL of the form scheme://host/path/repo[.git][@ref]", e.getMessage());
    }
}
