package org.hemowatch.auth;

/**
 * Everything about people logging in, handed to the HTTP layer as one: the accounts, their sessions,
 * the throttle of failed logins and the settings.
 */
public record Accounts(UserAccounts users, Sessions sessions, LoginThrottle throttle, AuthConfig config) {
}
