package dev.jackal.cluster.state;

import java.security.SecureRandom;

/** Random passwords and secrets from {@code 0-9a-zA-Z!~-} (spec §7.3), drawn from a {@link SecureRandom}. */
public final class Passwords {

    /** Passwords jackal generates are this long. */
    public static final int PASSWORD_LENGTH = 24;
    /** The registry's HTTP secret is this long. */
    public static final int REGISTRY_SECRET_LENGTH = 48;

    static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!~-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    public static String random(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length " + length);
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
