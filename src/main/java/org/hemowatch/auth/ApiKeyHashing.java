package org.hemowatch.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Generates API keys and hashes them for storage. Keys carry 256 random bits, so a plain
 * SHA-256 is enough to keep them safe at rest (there is nothing to brute-force as with
 * passwords); only the hash is stored.
 */
public final class ApiKeyHashing {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHashing() {
    }

    /** A new secret key: {@code hw_} + 43 base64url characters. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "hw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short public id for listing and revoking keys. */
    public static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String hash(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
