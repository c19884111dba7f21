package org.hemowatch.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * @deprecated several instances on one database and broker are {@code ServiceBuilder.service().extension().instances(n).onPostgres()};
 * a child process of several is {@link ServiceBuilder#member}. Only kept for callers on branches not merged yet.
 */
@Deprecated
public final class SharedDatabaseCluster {

    private SharedDatabaseCluster() {
    }

    /** @deprecated use {@link ServiceBuilder#member(String, String, String)}. */
    @Deprecated
    public static Map<String, String> instanceEnv(String jdbcUrl, String brokerUrl, String name) {
        Map<String, String> env = new HashMap<>();
        env.put("HEMOWATCH_DB_URL", jdbcUrl);
        env.put("HEMOWATCH_DB_USER", "postgres");
        env.put("HEMOWATCH_MQTT_BROKER", brokerUrl);
        env.put("HEMOWATCH_MQTT_CLIENT_ID", name);
        env.put("HEMOWATCH_MQTT_SHARED_GROUP", "hw");
        return env;
    }
}
