package dev.callsheet.workspace;

import java.security.SecureRandom;

/** Generated passwords for people who did not choose one (the first admin, demo users). */
public final class Passwords {

    /** No look-alikes (0/O, 1/l/I), so a password read off a log can be typed. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A random password of {@code length} characters (about 5.8 bits each). */
    public static String generate(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
