package org.hemowatch.auth;

import org.hemowatch.domain.rule.Rejection;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Password policy and hashing for personal accounts.
 * <ul>
 *   <li>Hashing: Argon2id (RFC 9106) with Spring Security's current defaults (16 MiB, 2 passes,
 *   random 16-byte salt), stored as a PHC string. Hashing and checking take tens of milliseconds
 *   on purpose: call them off the event loop.</li>
 *   <li>Policy (NIST SP 800-63B §3.1.1.2): at least {@link #MIN_LENGTH} characters, at most 128,
 *   not one of a short list of common passwords, not the username; no composition rules.</li>
 * </ul>
 * Passwords are never logged, stored or echoed.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = load();
    private static final Argon2PasswordEncoder ARGON2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    private Passwords() {
    }

    /** Why a new password is refused (an invalid {@link Rejection}), or empty when it is acceptable. */
    public static Optional<Rejection> check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(Rejection.invalid("password-too-short", "a password needs at least " + MIN_LENGTH + " characters"));
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of(Rejection.invalid("password-too-long", "a password may have at most " + MAX_LENGTH + " characters"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of(Rejection.invalid("password-common", "this password is on the list of commonly used passwords"));
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(Rejection.invalid("password-contains-username", "a password must not contain the username"));
        }
        return Optional.empty();
    }

    public static String hash(String password) {
        return ARGON2.encode(password);
    }

    public static boolean matches(String password, String hash) {
        return password != null && hash != null && ARGON2.matches(password, hash);
    }

    private static Set<String> load() {
        try (InputStream in = Passwords.class.getResourceAsStream("/auth/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("auth/common-passwords.txt is missing from the class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
