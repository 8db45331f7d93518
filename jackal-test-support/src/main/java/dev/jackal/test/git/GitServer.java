package dev.jackal.test.git;

import dev.jackal.test.Exec;
import dev.jackal.test.ManagedProcess;
import dev.jackal.test.Ports;
import dev.jackal.test.ServiceDirs;
import dev.jackal.test.TestServiceException;
import dev.jackal.test.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real git smart-HTTP server: nginx + fcgiwrap + {@code git http-backend}, with basic auth (bcrypt
 * htpasswd) and push-to-create (a repository is made on its first push, as Gitea's
 * {@code ENABLE_PUSH_CREATE_USER} does). Repositories live under {@code /<owner>/<name>.git}.
 */
public final class GitServer implements AutoCloseable {

    private static final String SERVICE = "git-server";
    private static final String BACKEND = "/usr/lib/git-core/git-http-backend";

    private final Path dir;
    private final int port;
    private final String username;
    private final String password;
    private final ManagedProcess fcgiwrap;
    private final ManagedProcess nginx;

    private GitServer(
            Path dir, int port, String username, String password, ManagedProcess fcgiwrap, ManagedProcess nginx) {
        this.dir = dir;
        this.port = port;
        this.username = username;
        this.password = password;
        this.fcgiwrap = fcgiwrap;
        this.nginx = nginx;
    }

    /** Starts the server with user {@code jackal-git-user} and a random password. */
    public static GitServer start() {
        Path nginxBinary = TestTools.onPath(SERVICE, "nginx");
        Path fcgiwrapBinary = TestTools.onPath(SERVICE, "fcgiwrap");
        Path htpasswdBinary = TestTools.onPath(SERVICE, "htpasswd");
        if (!Files.isExecutable(Path.of(BACKEND))) {
            throw new TestServiceException(
                    SERVICE, BACKEND + " is missing; install git (" + TestTools.SETUP_COMMAND + ")");
        }
        Path dir = ServiceDirs.create(SERVICE);
        int port = Ports.free();
        String username = "jackal-git-user";
        String password = randomSecret();
        try {
            for (String sub : List.of("repos", "run", "logs")) {
                Files.createDirectories(dir.resolve(sub));
            }
            String htpasswd = Exec.run(List.of(htpasswdBinary.toString(), "-Bbn", username, password))
                    .requireSuccess()
                    .stdout()
                    .strip();
            Files.writeString(dir.resolve("htpasswd"), htpasswd + "\n");
            Path backend = dir.resolve("git-backend.sh");
            Files.writeString(backend, backendScript());
            Files.setPosixFilePermissions(backend, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve("nginx.conf"), nginxConf(dir, port));
        } catch (IOException e) {
            throw new TestServiceException(SERVICE, "cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        Path socket = dir.resolve("run").resolve("fcgiwrap.sock");
        ManagedProcess fcgiwrap = ManagedProcess.start(
                        "fcgiwrap",
                        List.of(fcgiwrapBinary.toString(), "-c", "4", "-s", "unix:" + socket),
                        Map.of(),
                        dir,
                        dir.resolve("logs").resolve("fcgiwrap.log"))
                .awaitReady(Duration.ofSeconds(15), () -> Files.exists(socket));
        ManagedProcess nginx;
        try {
            nginx = ManagedProcess.start(
                            "nginx:" + port,
                            List.of(
                                    nginxBinary.toString(),
                                    "-c",
                                    dir.resolve("nginx.conf").toString(),
                                    "-e",
                                    dir.resolve("logs").resolve("error.log").toString()),
                            Map.of(),
                            dir,
                            dir.resolve("logs").resolve("nginx.out"))
                    .awaitReady(Duration.ofSeconds(15), () -> Ports.accepting(port));
        } catch (RuntimeException e) {
            fcgiwrap.close();
            throw e;
        }
        return new GitServer(dir, port, username, password, fcgiwrap, nginx);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>/<owner>/<name>.git}. */
    public String repositoryUrl(String owner, String name) {
        return baseUrl() + "/" + owner + "/" + name + ".git";
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A {@code git-credentials} line for this server: {@code http://user:password@127.0.0.1:port}. */
    public String credentialsLine() {
        return "http://" + username + ":" + password + "@127.0.0.1:" + port;
    }

    /** The bare repositories on disk, {@code <dir>/<owner>/<name>.git}. */
    public Path repositoriesDir() {
        return dir.resolve("repos");
    }

    /** A repository that {@link #seed} pushed: its URL and the commit of every ref. */
    public record SeededRepository(String url, Map<String, String> refs) {
        public SeededRepository {
            refs = Map.copyOf(refs);
        }
    }

    /**
     * Creates {@code <owner>/<name>} on the server with the git CLI: branches {@code main} (3 commits) and
     * {@code feature} (one more), a lightweight tag {@code v1.0.0} and an annotated tag {@code v1.1.0}.
     */
    public SeededRepository seed(String owner, String name) {
        Path git = TestTools.onPath(SERVICE, "git");
        Path work = dir.resolve("seed-" + owner + "-" + name);
        Map<String, String> env = Map.of(
                "GIT_AUTHOR_NAME", "Jackal Test",
                "GIT_AUTHOR_EMAIL", "test@jackal.invalid",
                "GIT_COMMITTER_NAME", "Jackal Test",
                "GIT_COMMITTER_EMAIL", "test@jackal.invalid",
                "GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z",
                "GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z",
                "GIT_CONFIG_NOSYSTEM", "1",
                "HOME", dir.toString());
        try {
            Files.createDirectories(work);
            runGit(git, env, work, "init", "-q", "--initial-branch=main");
            for (int i = 1; i <= 3; i++) {
                Files.writeString(work.resolve("README.md"), "# " + name + "\n\nrevision " + i + "\n");
                runGit(git, env, work, "add", "README.md");
                runGit(git, env, work, "commit", "-q", "-m", "revision " + i);
                if (i == 2) {
                    runGit(git, env, work, "tag", "v1.0.0");
                }
            }
            runGit(git, env, work, "tag", "-a", "v1.1.0", "-m", "release 1.1.0");
            runGit(git, env, work, "checkout", "-q", "-b", "feature");
            Files.writeString(work.resolve("feature.txt"), "feature work\n");
            runGit(git, env, work, "add", "feature.txt");
            runGit(git, env, work, "commit", "-q", "-m", "feature");
            runGit(git, env, work, "checkout", "-q", "main");
        } catch (IOException e) {
            throw new TestServiceException(SERVICE, "cannot seed " + owner + "/" + name + ": " + e.getMessage(), e);
        }
        String authUrl =
                "http://" + username + ":" + password + "@127.0.0.1:" + port + "/" + owner + "/" + name + ".git";
        runGit(git, env, work, "push", "-q", authUrl, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
        Map<String, String> refs = new LinkedHashMap<>();
        String listed = runGit(git, env, work, "show-ref", "--heads", "--tags", "-d");
        for (String line : listed.strip().split("\n")) {
            String[] parts = line.split(" ", 2);
            refs.put(parts[1], parts[0]);
        }
        return new SeededRepository(repositoryUrl(owner, name), refs);
    }

    private static String runGit(Path git, Map<String, String> env, Path work, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(git.toString());
        command.addAll(List.of(args));
        return Exec.run(command, env, work).requireSuccess().stdout();
    }

    @Override
    public void close() {
        try {
            nginx.close();
        } finally {
            fcgiwrap.close();
        }
    }

    private static String backendScript() {
        return """
                #!/bin/sh
                # CGI wrapper around git-http-backend: creates <owner>/<name>.git on its first push.
                root="$GIT_PROJECT_ROOT"
                repo=$(printf '%s' "$PATH_INFO" | sed -n 's#^\\(/[^/]*/[^/]*\\.git\\)/.*#\\1#p')
                case "$PATH_INFO$QUERY_STRING" in
                  *git-receive-pack*)
                    if [ -n "$repo" ] && [ ! -d "$root$repo" ]; then
                      git init -q --bare --initial-branch=main "$root$repo" >&2 \\
                        && git -C "$root$repo" config http.receivepack true
                    fi;;
                esac
                exec /usr/lib/git-core/git-http-backend
                """;
    }

    private static String nginxConf(Path dir, int port) {
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        Path run = dir.resolve("run");
        Path logs = dir.resolve("logs");
        return user
                + "worker_processes 1;\ndaemon off;\nmaster_process on;\n"
                + "pid " + run.resolve("nginx.pid") + ";\n"
                + "error_log " + logs.resolve("error.log") + " warn;\n"
                + "events { worker_connections 64; }\n"
                + "http {\n"
                + "  access_log " + logs.resolve("access.log") + ";\n"
                + "  client_body_temp_path " + run.resolve("body") + ";\n"
                + "  fastcgi_temp_path " + run.resolve("fastcgi") + ";\n"
                + "  proxy_temp_path " + run.resolve("proxy") + ";\n"
                + "  uwsgi_temp_path " + run.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + run.resolve("scgi") + ";\n"
                + "  client_max_body_size 0;\n"
                + "  server {\n"
                + "    listen 127.0.0.1:" + port + ";\n"
                + "    location / {\n"
                + "      auth_basic \"git\";\n"
                + "      auth_basic_user_file " + dir.resolve("htpasswd") + ";\n"
                + "      fastcgi_pass unix:" + run.resolve("fcgiwrap.sock") + ";\n"
                + "      include /etc/nginx/fastcgi_params;\n"
                + "      fastcgi_param SCRIPT_FILENAME " + dir.resolve("git-backend.sh") + ";\n"
                + "      fastcgi_param GIT_PROJECT_ROOT " + dir.resolve("repos") + ";\n"
                + "      fastcgi_param GIT_HTTP_EXPORT_ALL \"\";\n"
                + "      fastcgi_param PATH_INFO $uri;\n"
                + "      fastcgi_param REMOTE_USER $remote_user;\n"
                + "    }\n"
                + "  }\n"
                + "}\n";
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
