package dev.jackal.core.git;

import dev.jackal.core.OfflineException;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.ProxyMessages;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.core.oci.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TransportHttp;

/**
 * Clones a repository for a package with JGit (spec §2.3): the remote is named {@code online-upstream};
 * without a ref every branch and tag is mirrored; a branch ({@code refs/heads/x}) or tag is cloned alone;
 * a tag or commit is checked out as the branch {@code jackal-ref-<tag or sha>}, so the air-gap server
 * receives it as a branch.
 *
 * <p>With a mirror directory (the cache's {@code repos/}), every repository is first fetched (all refs) into a bare
 * mirror there, {@code <sha256 of the URL>.git}, and cloned from it, the remote keeping the real URL; offline, the
 * mirror is cloned without any fetch and a repository never mirrored fails with an
 * {@link dev.jackal.core.OfflineException}.
 */
public final class RepoCloner {

    /** The name of the remote that points at the source. */
    public static final String ONLINE_REMOTE = "online-upstream";

    private static final Pattern SHA = Pattern.compile("^[0-9a-f]{40}$");

    private final CredentialsProvider credentials;
    private final int timeoutSeconds;
    private final TransportConfigCallback bounded;
    private final Path mirrors;
    private final boolean offline;
    private final HttpProxy proxy;

    /** A cloner with the {@link TransferBounds#defaults() default} timeout. */
    public RepoCloner(CredentialsProvider credentials) {
        this(credentials, TransferBounds.defaults());
    }

    /**
     * @param bounds JGit takes one timeout in whole seconds, for connecting and for every read: the larger of the
     *     connect and read timeouts, rounded up. The minimum rate is checked on every HTTP response body.
     */
    public RepoCloner(CredentialsProvider credentials, TransferBounds bounds) {
        this(credentials, bounds, null, false);
    }

    /**
     * @param mirrors where bare mirrors are kept, or null to clone straight from the source
     * @param offline clone only from {@code mirrors}, never from the network
     */
    public RepoCloner(CredentialsProvider credentials, TransferBounds bounds, Path mirrors, boolean offline) {
        this(credentials, bounds, mirrors, offline, null);
    }

    /**
     * @param proxy the HTTP proxy that every {@code http(s)} clone and fetch goes through (unless it bypasses the
     *     host), set on each connection alone; null for the one JGit picks from the JVM's default proxy selector
     */
    public RepoCloner(
            CredentialsProvider credentials, TransferBounds bounds, Path mirrors, boolean offline, HttpProxy proxy) {
        this.credentials = credentials;
        this.mirrors = mirrors;
        this.offline = offline;
        this.proxy = proxy;
        Duration longer = bounds.connectTimeout().compareTo(bounds.readTimeout()) > 0
                ? bounds.connectTimeout()
                : bounds.readTimeout();
        this.timeoutSeconds = (int) Math.max(1, (longer.toMillis() + 999) / 1000);
        BoundedGitHttp factory = new BoundedGitHttp(bounds, proxy);
        this.bounded = transport -> {
            if (transport instanceof TransportHttp http) {
                http.setHttpConnectionFactory(factory);
            }
        };
    }

    /**
     * Clones {@code url} into {@code target}.
     *
     * @throws TransportException naming the proxy when it refused the request or a
     *     tunnel, or could not be reached
     */
    public void cloneTo(GitUrl url, Path target) throws GitAPIException, IOException {
        try {
            cloneFrom(url, target);
        } catch (TransportException e) {
            throw proxyFailure(url, e);
        }
    }

    /**
     * {@code e} in the words of {@link ProxyMessages} when the proxy refused the request (407), refused a tunnel or
     * could not be reached; else {@code e} itself.
     */
    private TransportException proxyFailure(GitUrl url, TransportException e) {
        if (proxy == null) {
            return e;
        }
        URI uri;
        try {
            URI parsed = URI.create(url.withoutRef());
            uri = new URI(parsed.getScheme(), null, parsed.getHost(), parsed.getPort(), null, null, null);
        } catch (IllegalArgumentException | URISyntaxException notHttp) {
            return e;
        }
        if (!proxy.appliesTo(uri) || !String.valueOf(uri.getScheme()).startsWith("http")) {
            return e;
        }
        String message = String.valueOf(e.getMessage());
        if (message.endsWith(": 407 Proxy Authentication Required")) {
            return new TransportException(ProxyMessages.refused(proxy, uri), e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                Optional<ProxyMessages.Refusal> refusal = ProxyMessages.tunnelFailure(proxy, uri, io);
                if (refusal.isPresent()) {
                    return new TransportException(refusal.get().message(), e);
                }
            }
        }
        return e;
    }

    private void cloneFrom(GitUrl url, Path target) throws GitAPIException, IOException {
        String ref = url.ref();
        boolean isSha = SHA.matcher(ref).matches();
        String fullRef = ref.isEmpty() || isSha || ref.startsWith("refs/") ? ref : Constants.R_TAGS + ref;
        String from = source(url);
        CloneCommand clone = Git.cloneRepository()
                .setURI(from)
                .setDirectory(target.toFile())
                .setRemote(ONLINE_REMOTE)
                .setTimeout(timeoutSeconds)
                .setTransportConfigCallback(bounded)
                .setCredentialsProvider(credentials);
        boolean single = fullRef.startsWith(Constants.R_TAGS) || fullRef.startsWith(Constants.R_HEADS);
        if (single) {
            clone.setBranchesToClone(List.of(fullRef)).setBranch(fullRef).setTagOption(TagOpt.NO_TAGS);
        } else {
            clone.setCloneAllBranches(true);
        }
        try (Git git = clone.call()) {
            if (!from.equals(url.withoutRef())) {
                StoredConfig config = git.getRepository().getConfig();
                config.setString("remote", ONLINE_REMOTE, "url", url.withoutRef());
                config.save();
            }
            if (ref.isEmpty()) {
                git.fetch()
                        .setRemote(from)
                        .setCredentialsProvider(credentials)
                        .setTimeout(timeoutSeconds)
                        .setTransportConfigCallback(bounded)
                        .setRefSpecs(new RefSpec("+refs/*:refs/*"))
                        .setTagOpt(TagOpt.FETCH_TAGS)
                        .call();
                return;
            }
            if (fullRef.startsWith(Constants.R_HEADS)) {
                return;
            }
            String stripped = isSha ? ref : fullRef.substring(Constants.R_TAGS.length());
            ObjectId commit = isSha ? ObjectId.fromString(ref) : peel(git, fullRef);
            git.checkout()
                    .setCreateBranch(true)
                    .setForced(true)
                    .setName("jackal-ref-" + stripped)
                    .setStartPoint(commit.name())
                    .call();
        }
    }

    /** Where to clone from: the URL itself, or its mirror (fetched first when online). */
    private String source(GitUrl url) throws GitAPIException, IOException {
        if (mirrors == null) {
            if (offline) {
                throw new OfflineException("git repository " + url.withoutRef() + " (no cache)");
            }
            return url.withoutRef();
        }
        Path mirror = mirror(url);
        if (offline) {
            if (!Files.isDirectory(mirror.resolve("objects"))) {
                throw new OfflineException("git repository " + url.withoutRef());
            }
            return mirror.toUri().toString();
        }
        Files.createDirectories(mirrors);
        if (!Files.isDirectory(mirror.resolve("objects"))) {
            Git.init().setBare(true).setDirectory(mirror.toFile()).call().close();
        }
        try (Git git = Git.open(mirror.toFile())) {
            FetchResult fetched = git.fetch()
                    .setRemote(url.withoutRef())
                    .setCredentialsProvider(credentials)
                    .setTimeout(timeoutSeconds)
                    .setTransportConfigCallback(bounded)
                    .setRefSpecs(new RefSpec("+refs/*:refs/*"))
                    .setTagOpt(TagOpt.FETCH_TAGS)
                    .setRemoveDeletedRefs(true)
                    .call();
            pointHead(git, fetched);
        }
        return mirror.toUri().toString();
    }

    /**
     * Points the mirror's {@code HEAD} at the branch the source's {@code HEAD} names, so a clone of the mirror checks
     * out the same default branch as a clone of the source would.
     */
    private static void pointHead(Git mirror, FetchResult fetched) throws IOException {
        Ref head = fetched.getAdvertisedRef(Constants.HEAD);
        String branch = null;
        if (head != null && head.isSymbolic()) {
            branch = head.getTarget().getName();
        } else if (head != null && head.getObjectId() != null) {
            for (Ref ref : fetched.getAdvertisedRefs()) {
                if (ref.getName().startsWith(Constants.R_HEADS)
                        && head.getObjectId().equals(ref.getObjectId())) {
                    branch = ref.getName();
                    if (ref.getName().equals(Constants.R_HEADS + "main")
                            || ref.getName().equals(Constants.R_HEADS + "master")) {
                        break;
                    }
                }
            }
        }
        if (branch != null) {
            mirror.getRepository().updateRef(Constants.HEAD).link(branch);
        }
    }

    /** The bare mirror of {@code url}'s repository. */
    public Path mirror(GitUrl url) {
        return mirrors.resolve(
                Digest.sha256(url.withoutRef().getBytes(StandardCharsets.UTF_8)).hex() + ".git");
    }

    private static ObjectId peel(Git git, String tagRef) throws IOException {
        Ref ref = git.getRepository().exactRef(tagRef);
        if (ref == null) {
            throw new IOException("the repository has no " + tagRef);
        }
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit commit = walk.parseCommit(ref.getObjectId());
            return commit.getId();
        }
    }
}
