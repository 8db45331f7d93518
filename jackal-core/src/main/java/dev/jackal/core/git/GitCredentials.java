package dev.jackal.core.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Git credentials from a {@code git-credentials} file (lines {@code https://user:password@host}), as the
 * git credential store writes them; matched by host (and port). Never prints a password.
 */
public final class GitCredentials extends CredentialsProvider {

    private record Entry(String host, int port, String username, char[] password) {}

    private final List<Entry> entries;

    private GitCredentials(List<Entry> entries) {
        this.entries = entries;
    }

    /** No credentials. */
    public static GitCredentials none() {
        return new GitCredentials(List.of());
    }

    /** {@code ~/.git-credentials}, when it exists. */
    public static GitCredentials fromHome() {
        Path file = Path.of(System.getProperty("user.home"), ".git-credentials");
        return Files.isRegularFile(file) ? fromFile(file) : none();
    }

    public static GitCredentials fromFile(Path file) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                parse(line.strip()).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read git credentials " + file, e);
        }
        return new GitCredentials(List.copyOf(entries));
    }

    private static Optional<Entry> parse(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(line);
            String info = uri.getRawUserInfo();
            if (info == null || uri.getHost() == null) {
                return Optional.empty();
            }
            int colon = info.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
            String password = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
            return Optional.of(new Entry(uri.getHost(), uri.getPort(), user, password.toCharArray()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Optional<Entry> find(URIish uri) {
        return entries.stream()
                .filter(e -> e.host().equalsIgnoreCase(uri.getHost()) && (e.port() < 0 || e.port() == uri.getPort()))
                .findFirst();
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) {
        Optional<Entry> entry = find(uri);
        if (entry.isEmpty()) {
            return false;
        }
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.Username username) {
                username.setValue(entry.get().username());
            } else if (item instanceof CredentialItem.Password password) {
                password.setValue(entry.get().password().clone());
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "GitCredentials[" + entries.size() + " hosts]";
    }
}
