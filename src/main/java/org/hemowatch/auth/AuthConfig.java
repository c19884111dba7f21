package org.hemowatch.auth;

import java.time.Duration;

/**
 * Personal accounts and browser sessions ({@code auth.*} in the config file).
 *
 * @param sessionIdle     a session unused this long ends (default 15 min)
 * @param sessionLifetime a session ends this long after login however busy (default 12 h: one shift)
 * @param secureCookie    mark the session cookie {@code Secure}; turn on whenever the console is reached
 *                        over TLS (a terminating proxy in front of the service)
 * @param userFailures    failed logins for one username within {@code failureWindow} before it is locked
 * @param addressFailures failed logins from one client address within {@code failureWindow} before it is locked
 * @param failureWindow   how long a failed login counts
 * @param lockout         how long a username or address stays locked after its last counted failure (at most the window)
 */
public record AuthConfig(Duration sessionIdle, Duration sessionLifetime, Boolean secureCookie,
                         Integer userFailures, Integer addressFailures, Duration failureWindow, Duration lockout) {

    public AuthConfig {
        sessionIdle = sessionIdle == null ? Duration.ofMinutes(15) : sessionIdle;
        sessionLifetime = sessionLifetime == null ? Duration.ofHours(12) : sessionLifetime;
        secureCookie = secureCookie != null && secureCookie;
        userFailures = userFailures == null ? 5 : userFailures;
        addressFailures = addressFailures == null ? 20 : addressFailures;
        failureWindow = failureWindow == null ? Duration.ofMinutes(15) : failureWindow;
        lockout = lockout == null ? Duration.ofMinutes(5) : lockout;
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionLifetime.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("auth.sessionIdle must be positive and auth.sessionLifetime at least as long");
        }
        if (userFailures < 1 || addressFailures < 1) {
            throw new IllegalArgumentException("auth.userFailures and auth.addressFailures must be at least 1");
        }
        if (failureWindow.isNegative() || failureWindow.isZero() || lockout.isNegative() || lockout.compareTo(failureWindow) > 0) {
            throw new IllegalArgumentException("auth.failureWindow must be positive and auth.lockout between 0 and the window");
        }
    }

    public static AuthConfig defaults() {
        return new AuthConfig(null, null, null, null, null, null, null);
    }

    public LoginThrottle throttle() {
        return new LoginThrottle(userFailures, addressFailures, failureWindow, lockout);
    }
}
