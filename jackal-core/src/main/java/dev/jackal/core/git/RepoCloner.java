package dev.jackal.core.git;

import dev.jackal.core.net.TransferBounds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TransportHttp;

/**
 * Clones a repository for a package with JGit (spec §2.3): the remote is named {@code online-upstream};
 * without a ref every branch and tag is mirrored; a branch ({@code refs/heads/x}) or tag is cloned alone;
 * a tag or commit is checked out as the branch {@code jackal-ref-<tag or sha>}, so the air-gap server
 * receives it as a branch.
 */
public final class RepoCloner {

    /** The name of the remote that points at the source. */
    public static final String ONLINE_REMOTE = "online-upstream";

    private static final Pattern SHA = Pattern.compile("^[0-9a-f]{40}$");

    private final CredentialsProvider credentials;
    private final int timeoutSeconds;
    private final TransportConfigCallback bounded;

    /** A cloner with the {@link TransferBounds#defaults() default} timeout. */
    public RepoCloner(CredentialsProvider credentials) {
        this(credentials, TransferBounds.defaults());
    }

    /**
     * @param bounds JGit takes one timeout in whole seconds, for connecting and for every read: the larger of the
     *     connect and read timeouts, rounded up. The minimum rate is checked on every HTTP response body.
     */
    public RepoCloner(CredentialsProvider credentials, TransferBounds bounds) {
        this.credentials = credentials;
        Duration longer = bounds.connectTimeout().compareTo(bounds.readTimeout()) > 0
                ? bounds.connectTimeout()
                : bounds.readTimeout();
        this.timeoutSeconds = (int) Math.max(1, (longer.toMillis() + 999) / 1000);
        BoundedGitHttp factory = new BoundedGitHttp(bounds);
        this.bounded = transport -> {
            if (transport instanceof TransportHttp http) {
                http.setHttpConnectionFactory(factory);
            }
        };
    }

    /** Clones {@code url} into {@code target}. */
    public void cloneTo(GitUrl url, Path target) throws GitAPIException, IOException {
        String ref = url.ref();
        boolean isSha = SHA.matcher(ref).matches();
        String fullRef = ref.isEmpty() || isSha || ref.startsWith("refs/") ? ref : Constants.R_TAGS + ref;
        CloneCommand clone = Git.cloneRepository()
                .setURI(url.withoutRef())
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
            if (ref.isEmpty()) {
                git.fetch()
                        .setRemote(ONLINE_REMOTE)
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
