package org.hemowatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hemowatch.domain.BloodUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded SQLite file, plus SQLite-only durability checks. */
class SqliteStoreTest extends StoreContract {

    @TempDir
    Path dir;
    private int databases;

    @Override
    protected DatabaseConfig newDatabase() {
        // a directory that does not exist yet: open() must create it
        return DatabaseConfig.sqlite(dir.resolve("db" + databases++).resolve("data").resolve("hemowatch.db"));
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.SQLITE;
    }

    private String pragma(String name) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void connectionsUseWalFullSyncAndABusyTimeout() {
        assertThat(pragma("journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(pragma("synchronous")).isEqualTo("2"); // FULL
        assertThat(Integer.parseInt(pragma("busy_timeout"))).isPositive();
    }

    @Test
    void duplicateCheckIsOneProbeOfTheSeqIndex() {
        // without the day range SQLite chose (site, device, at) and scanned 48 h of a device's readings
        String plan = db.read(c -> {
            StringBuilder sb = new StringBuilder();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN " + ReadingRecords.DUPLICATE_SQL.replace("?", "1"))) {
                while (rs.next()) {
                    sb.append(rs.getString("detail")).append('\n');
                }
            }
            return sb.toString();
        });
        assertThat(plan).contains("readings_dedup_day").contains("seq=?").contains("<expr>>?").contains("<expr><?");
    }

    @Test
    void theHighestSeqOfADeviceIsReadFromTheDedupIndex() {
        String plan = db.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN " + SeqCeilings.MAX_SQL.replace("?", "1"))) {
                return rs.next() ? rs.getString("detail") : "";
            }
        });
        assertThat(plan).contains("COVERING INDEX readings_dedup_day");
    }

    @Test
    void openFailsClearlyWhenTheDirectoryCannotBeCreated() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        DatabaseConfig bad = DatabaseConfig.sqlite(file.resolve("hemowatch.db"));

        assertThatThrownBy(() -> Database.open(bad)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot create directory").hasMessageContaining(file.toString());
    }

    @Test
    void aSecondInstanceOnTheSameFileIsRefusedUntilTheFirstCloses() {
        DatabaseConfig file = DatabaseConfig.sqlite(dir.resolve("one-instance").resolve("hemowatch.db"));
        Database first = Database.open(file);
        try {
            assertThatThrownBy(() -> Database.open(file)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("already in use by another Hemowatch instance")
                    .hasMessageContaining("PostgreSQL");
        } finally {
            first.close();
        }
        Database.open(file).close(); // free again once the first one closed
    }

    @Test
    void inMemoryDatabasesAreRefused() {
        assertThatThrownBy(() -> Database.open(new DatabaseConfig("jdbc:sqlite::memory:", null, null, 1)))
                .isInstanceOf(StoreException.class).hasMessageContaining("in-memory");
    }

    /**
     * A child JVM writes units through the group-commit writer and prints each acknowledged key;
     * it is killed with SIGKILL mid-stream. Every unit acknowledged before the kill must be in the file.
     */
    @Test
    void everyAcknowledgedWriteSurvivesKill9() throws Exception {
        writer.close();
        db.close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=store/logback-quiet.xml",
                CrashWriterMain.class.getName(), cfg.url())
                .redirectError(dir.resolve("child-stderr.txt").toFile())
                .start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // stream ends abruptly when the child is killed
            } finally {
                lines.add("EOF");
            }
        });
        pump.start();

        Set<String> acknowledged = new HashSet<>();
        try {
            while (acknowledged.size() < 300) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("child output (stderr in child-stderr.txt)").isNotNull().isNotEqualTo("EOF");
                if (line.startsWith(CrashWriterMain.ACK)) {
                    acknowledged.add(line.substring(CrashWriterMain.ACK.length()));
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // acknowledgements already in the pipe when the child died count too; a torn last line is ignored
        pump.join(10_000);
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        for (String line : rest) {
            if (line.startsWith(CrashWriterMain.ACK) && line.length() == CrashWriterMain.ACK.length() + CrashWriterMain.DIN_LENGTH) {
                acknowledged.add(line.substring(CrashWriterMain.ACK.length()));
            }
        }
        assertThat(child.exitValue()).as("killed, not exited").isNotZero();

        openAgain();
        Set<String> stored = new HashSet<>();
        for (BloodUnit u : db.read(UnitRecords::loadAll)) {
            stored.add(u.key().din());
        }
        assertThat(stored).containsAll(acknowledged);
        assertThat(db.read(ApiKeyRecords::loadAll)).isEmpty();
    }
}
