package dev.jackal.maven;

import dev.jackal.core.OfflineException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the core's messages into Maven's words: a message that names a command-line flag of the CLI names the
 * POM parameter and its property instead, so a Maven user is never told to pass {@code --plain-http}.
 */
final class MavenMessages {

    private static final Map<String, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("--set", "<set> (-D" + PropertyNames.SET + "=KEY=value)");
        WORDS.put("--plain-http", "<plainHttp>true</plainHttp> (-D" + PropertyNames.PLAIN_HTTP + ")");
        WORDS.put(
                "--insecure-skip-tls-verify",
                "<insecureSkipTlsVerify>true</insecureSkipTlsVerify> (-D" + PropertyNames.INSECURE_SKIP_TLS_VERIFY
                        + ")");
        WORDS.put("--max-package-size", "<maxPackageSize> (-D" + PropertyNames.MAX_PACKAGE_SIZE + ")");
        WORDS.put("--retries", "<retries> (-D" + PropertyNames.RETRIES + ")");
        WORDS.put("--oci-concurrency", "<ociConcurrency> (-D" + PropertyNames.OCI_CONCURRENCY + ")");
        WORDS.put("--registry-override", "<registryOverrides> (-D" + PropertyNames.REGISTRY_OVERRIDE + "=SRC=DST)");
        WORDS.put("--architecture", "<architecture> (-D" + PropertyNames.ARCHITECTURE + ")");
        WORDS.put("--flavor", "<flavor> (-D" + PropertyNames.FLAVOR + ")");
        WORDS.put("--shasum", "<shasum> (-D" + PropertyNames.SHASUM + ")");
        WORDS.put("--sbom-out", "<sbomOut> (-D" + PropertyNames.SBOM_OUT + ")");
        WORDS.put("--connect-timeout", "<connectTimeout> (-D" + PropertyNames.CONNECT_TIMEOUT + ")");
        WORDS.put("--read-timeout", "<readTimeout> (-D" + PropertyNames.READ_TIMEOUT + ")");
        WORDS.put("--min-transfer-rate", "<minTransferRate> (-D" + PropertyNames.MIN_TRANSFER_RATE + ")");
    }

    /** The core's words for the proxy's credentials, in settings.xml's. */
    private static final Map<String, String> PROXY_WORDS = Map.of(
            "give the proxy a user name and password",
            "add <username> and <password> to the <proxy> in settings.xml",
            "check the proxy's user name and password",
            "check the <username> and <password> of the <proxy> in settings.xml");

    /** A flag as a whole word: not the prefix of a longer flag. */
    private static final Pattern FLAG = Pattern.compile("'?(--[a-z][a-z-]*[a-z])'?(?![a-z-])");

    private MavenMessages() {}

    static String of(String message) {
        if (message == null) {
            return null;
        }
        Matcher matcher = FLAG.matcher(message);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String words = WORDS.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(words != null ? words : matcher.group()));
        }
        matcher.appendTail(out);
        String result = out.toString();
        for (Map.Entry<String, String> words : PROXY_WORDS.entrySet()) {
            result = result.replace(words.getKey(), words.getValue());
        }
        return result;
    }

    /** What went wrong, never {@code null}: the message, else the exception's type. */
    static String describe(Throwable e) {
        if (e instanceof OfflineException) {
            return e.getMessage() + ": run `mvn jackal:go-offline`";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : of(message);
    }
}
