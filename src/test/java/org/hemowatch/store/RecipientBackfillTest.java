package org.hemowatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.hemowatch.domain.UnitEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration V5_1_2 copies the recipient that older ISSUE events kept at the end of their reason into the new field. */
class RecipientBackfillTest {

    @TempDir
    Path dir;

    @Test
    void olderIssueEventsGetTheRecipientTheirReasonNamed() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("h.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite").target("5.1.1").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            String insert = "INSERT INTO unit_events (din, product_code, division, action, from_status, to_status, at, reason) VALUES ";
            st.executeUpdate(insert + "('A999926000301', 'E0398', '00', 'ISSUE', 'AVAILABLE', 'ISSUED', 1, 'recipient MRN 4711')");
            st.executeUpdate(insert + "('A999926000301', 'E0398', '00', 'ISSUE', 'AVAILABLE', 'ISSUED', 2, 'crossmatched; recipient Jane Doe')");
            st.executeUpdate(insert + "('A999926000301', 'E0398', '00', 'ISSUE', 'AVAILABLE', 'ISSUED', 3, 'crossmatched')");
            st.executeUpdate(insert + "('A999926000301', 'E0398', '00', 'QUARANTINE', 'AVAILABLE', 'QUARANTINED', 4, 'recipient unclear')");
        }

        try (Database db = Database.open(new DatabaseConfig(url, null, null, 1))) {
            List<UnitEvent> history = db.read(c -> UnitRecords.history(c, "A999926000301"));
            assertThat(history).extracting(UnitEvent::recipient).containsExactly("MRN 4711", "Jane Doe", null, null);
        }
    }
}
