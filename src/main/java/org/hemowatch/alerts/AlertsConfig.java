package org.hemowatch.alerts;

import org.hemowatch.domain.Backoff;
import org.hemowatch.publish.Topics;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertPolicy;
import org.hemowatch.domain.alert.Severity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Config key {@code alerts}. Every field has a default.
 *
 * @param evaluateEverySeconds period of the rule evaluation and reminder/escalation tick (default 30)
 * @param debounceMillis       committed unit changes within this time share one evaluation (default 200)
 * @param keepAliveSeconds     SSE keep-alive comment period (default 15)
 * @param retryInitialMillis   first retry delay of a failed delivery, doubled per attempt (default 1000)
 * @param retryMaxMillis       longest delay between two attempts (default 60000)
 * @param retryForSeconds      a delivery is given up (DELIVERY_FAILURE) after this long (default 600)
 * @param webhookTimeoutMillis timeout of one webhook request (default 5000)
 * @param retentionDays        resolved alerts are kept this long, then deleted from memory and the store (default 7)
 * @param routes               station routing table for MQTT station topics
 * @param webhooks             webhook receivers
 * @param nearExpiry           near-expiry window per component code as an ISO-8601 duration ({@code RBC: PT72H});
 *                             components not listed keep {@code ExpiryRules.defaultWindow}
 * @param policies             reminder/escalation policy per alert kind ({@link PolicyConfig}); kinds not listed keep
 *                             {@link AlertPolicy#defaults(AlertKind)}
 */
public record AlertsConfig(
        Integer evaluateEverySeconds,
        Integer debounceMillis,
        Integer keepAliveSeconds,
        Integer retryInitialMillis,
        Integer retryMaxMillis,
        Integer retryForSeconds,
        Integer webhookTimeoutMillis,
        Integer retentionDays,
        List<StationRoute> routes,
        List<WebhookConfig> webhooks,
        Map<String, String> nearExpiry,
        Map<String, PolicyConfig> policies) {

    public AlertsConfig {
        evaluateEverySeconds = positive("alerts.evaluateEverySeconds", evaluateEverySeconds, 30);
        debounceMillis = positive("alerts.debounceMillis", debounceMillis, 200);
        keepAliveSeconds = positive("alerts.keepAliveSeconds", keepAliveSeconds, 15);
        retryInitialMillis = positive("alerts.retryInitialMillis", retryInitialMillis, 1000);
        retryMaxMillis = positive("alerts.retryMaxMillis", retryMaxMillis, 60_000);
        retryForSeconds = positive("alerts.retryForSeconds", retryForSeconds, 600);
        webhookTimeoutMillis = positive("alerts.webhookTimeoutMillis", webhookTimeoutMillis, 5000);
        retentionDays = positive("alerts.retentionDays", retentionDays, 7);
        if (retryMaxMillis < retryInitialMillis) {
            throw new IllegalArgumentException("alerts.retryMaxMillis must be >= alerts.retryInitialMillis");
        }
        nearExpiry = PolicyConfig.copy(nearExpiry);
        policies = PolicyConfig.copy(policies);
        PolicyConfig.windows(nearExpiry);
        PolicyConfig.policies(policies);
        routes = routes == null ? List.of() : List.copyOf(routes);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        List<String> names = new ArrayList<>();
        for (WebhookConfig w : webhooks) {
            if (names.contains(w.name())) {
                throw new IllegalArgumentException("alerts.webhooks: two webhooks are named '" + w.name() + "'");
            }
            names.add(w.name());
        }
    }

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Near-expiry windows configured per component (others use the defaults of {@code ExpiryRules}). */
    public Map<ComponentClass, Duration> nearExpiryWindows() {
        return PolicyConfig.windows(nearExpiry);
    }

    /** Alert policies configured per kind (others use {@link AlertPolicy#defaults(AlertKind)}). */
    public Map<AlertKind, AlertPolicy> policyOverrides() {
        return PolicyConfig.policies(policies);
    }

    public Backoff backoff() {
        return new Backoff(java.time.Duration.ofMillis(retryInitialMillis), java.time.Duration.ofMillis(retryMaxMillis),
                java.time.Duration.ofSeconds(retryForSeconds));
    }

    private static int positive(String key, Integer value, int def) {
        if (value == null) {
            return def;
        }
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1 but was " + value);
        }
        return value;
    }

    /** Which alerts a filter lets through: kinds (empty = all) and a minimum severity. */
    public record Filter(Set<AlertKind> kinds, Severity minSeverity) {
        public boolean accepts(AlertKind kind, Severity severity) {
            return (kinds.isEmpty() || kinds.contains(kind)) && !minSeverity.higherThan(severity);
        }

        static Filter of(String key, List<String> kinds, String minSeverity) {
            Set<AlertKind> set = EnumSet.noneOf(AlertKind.class);
            if (kinds != null) {
                for (String k : kinds) {
                    set.add(AlertKind.parse(k).orElseThrow(() -> new IllegalArgumentException(
                            key + ".kinds: unknown alert kind '" + k + "'")));
                }
            }
            Severity sev = Severity.INFO;
            if (minSeverity != null) {
                try {
                    sev = Severity.valueOf(minSeverity.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ".minSeverity must be INFO, WARNING, CRITICAL or EMERGENCY but was '" + minSeverity + "'");
                }
            }
            return new Filter(Set.copyOf(set), sev);
        }
    }

    /**
     * One line of the station routing table: alerts of these kinds (all when empty) at or above
     * {@code minSeverity} go to {@code hemowatch/v1/{site}/stations/{station}/alerts}.
     *
     * @param site only alerts of this site (null: every site)
     */
    public record StationRoute(String station, String site, List<String> kinds, String minSeverity) {
        public StationRoute {
            if (station == null || station.isBlank() || !Topics.isTopicSafe(station)) {
                throw new IllegalArgumentException("alerts.routes[].station is required and may not contain '/', '+', '#'");
            }
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
            Filter.of("alerts.routes[]", kinds, minSeverity);
        }

        public Filter filter() {
            return Filter.of("alerts.routes[]", kinds, minSeverity);
        }

        public boolean matches(String alertSite, AlertKind kind, Severity severity) {
            return (site == null || site.equals(alertSite)) && filter().accepts(kind, severity);
        }
    }

    /**
     * A webhook receiver.
     *
     * @param name      notifier name (DELIVERY_FAILURE subject, logs); default {@code webhook-<host>}
     * @param secret    HMAC key, or
     * @param secretEnv the name of an environment variable holding it
     */
    public record WebhookConfig(String name, String url, String secret, String secretEnv, List<String> kinds, String minSeverity) {
        public WebhookConfig {
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException("alerts.webhooks[].url must be an http:// or https:// URL but was '" + url + "'");
            }
            java.net.URI uri;
            try {
                uri = java.net.URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alerts.webhooks[].url is not a valid URL: " + url);
            }
            if ((secret == null || secret.isEmpty()) == (secretEnv == null || secretEnv.isEmpty())) {
                throw new IllegalArgumentException("alerts.webhooks[] needs exactly one of 'secret' and 'secretEnv' (" + url + ")");
            }
            name = name == null || name.isBlank() ? "webhook-" + uri.getHost() : name;
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
            Filter.of("alerts.webhooks[]", kinds, minSeverity);
        }

        public Filter filter() {
            return Filter.of("alerts.webhooks[]", kinds, minSeverity);
        }

        /** The secret in force; {@code env} looks up environment variables. */
        public String resolveSecret(Function<String, String> env) {
            if (secret != null && !secret.isEmpty()) {
                return secret;
            }
            String s = env.apply(secretEnv);
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("alerts.webhooks[].secretEnv names " + secretEnv + ", which is not set");
            }
            return s;
        }

        @Override
        public String toString() {
            return "WebhookConfig[name=" + name + ", url=" + url + ", secret=***]";
        }
    }
}
