package dev.jackal.test.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where {@link MisbehavingServer} gets what it serves: an upstream server or a directory. */
sealed interface Content {

    /** A response to send: its status, its head (status line and headers), its body and the body's length. */
    record Response(int status, String head, long length, InputStream body) implements AutoCloseable {

        static Response of(int status, Map<String, List<String>> headers, long length, InputStream body) {
            StringBuilder head =
                    new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status));
            head.append("\r\n");
            headers.forEach((name, values) ->
                    values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
            if (length >= 0) {
                head.append("Content-Length: ").append(length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            return new Response(status, head.toString(), length, body);
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 206 -> "Partial Content";
                case 404 -> "Not Found";
                default -> "Status";
            };
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    Response fetch(MisbehavingServer.RawRequest request, String selfBaseUrl) throws IOException;

    /** Forwards each request to an upstream server and passes its answer on. */
    record Upstream(String baseUrl) implements Content {

        private static final Set<String> REQUEST_HEADERS = Set.of("accept", "authorization", "range", "user-agent");
        private static final Set<String> DROPPED_RESPONSE_HEADERS =
                Set.of("content-length", "connection", "transfer-encoding", "keep-alive");

        @Override
        public Response fetch(MisbehavingServer.RawRequest request, String selfBaseUrl) throws IOException {
            HttpURLConnection connection = (HttpURLConnection)
                    URI.create(baseUrl + request.target()).toURL().openConnection();
            connection.setRequestMethod(request.method());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            for (String[] header : request.headers()) {
                if (REQUEST_HEADERS.contains(header[0].toLowerCase(Locale.ROOT))) {
                    connection.setRequestProperty(header[0], header[1]);
                }
            }
            int status = connection.getResponseCode();
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            connection.getHeaderFields().forEach((name, values) -> {
                if (name == null || DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    return;
                }
                headers.put(
                        name,
                        name.equalsIgnoreCase("location")
                                ? values.stream()
                                        .map(v -> v.replace(baseUrl, selfBaseUrl))
                                        .toList()
                                : values);
            });
            long length = connection.getContentLengthLong();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return Response.of(status, headers, length, body == null ? InputStream.nullInputStream() : body);
        }
    }

    /** Serves the files under a directory, with {@code Range: bytes=N-}. */
    record Files(Path root) implements Content {

        private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

        @Override
        public Response fetch(MisbehavingServer.RawRequest request, String selfBaseUrl) throws IOException {
            Path base = root.toAbsolutePath().normalize();
            Path file = base.resolve(request.path().substring(1)).normalize();
            if (!file.startsWith(base) || !java.nio.file.Files.isRegularFile(file)) {
                return Response.of(404, Map.of(), 0, InputStream.nullInputStream());
            }
            long size = java.nio.file.Files.size(file);
            String range = request.header("range");
            Matcher matcher = RANGE.matcher(range == null ? "" : range.strip());
            if (matcher.matches() && Long.parseLong(matcher.group(1)) < size) {
                long start = Long.parseLong(matcher.group(1));
                SeekableByteChannel channel = java.nio.file.Files.newByteChannel(file);
                channel.position(start);
                return Response.of(
                        206,
                        Map.of("Content-Range", List.of("bytes " + start + "-" + (size - 1) + "/" + size)),
                        size - start,
                        Channels.newInputStream(channel));
            }
            return Response.of(200, Map.of(), size, java.nio.file.Files.newInputStream(file));
        }
    }
}
