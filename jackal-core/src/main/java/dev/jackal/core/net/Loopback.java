package dev.jackal.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host names this machine's loopback interface by itself: {@code localhost}, an address in
 * {@code 127.0.0.0/8} or {@code ::1}. Decided on the name alone, without DNS, as containerd does.
 */
public final class Loopback {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Loopback() {}

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    public static boolean isLoopback(String hostAndPort) {
        String host = host(hostAndPort);
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            return false;
        }
        try {
            // a literal address: no DNS lookup happens
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static String host(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(1, end);
        }
        int colon = hostAndPort.indexOf(':');
        if (colon >= 0 && hostAndPort.indexOf(':', colon + 1) < 0) {
            return hostAndPort.substring(0, colon);
        }
        return hostAndPort;
    }
}
