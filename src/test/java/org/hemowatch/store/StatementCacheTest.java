package org.hemowatch.store;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class StatementCacheTest {

    private static Connection sqlite() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (v INTEGER)");
        }
        return c;
    }

    private static long count(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theSameSqlGivesTheSameStatementOnTheSameConnection() throws Exception {
        try (Connection c = sqlite()) {
            StatementCache cache = StatementCache.NONE.of(c);
            PreparedStatement first = cache.get("INSERT INTO t (v) VALUES (?)");
            assertThat(cache.of(c)).isSameAs(cache);
            assertThat(cache.get("INSERT INTO t (v) VALUES (?)")).isSameAs(first);
            assertThat(cache.get("SELECT v FROM t")).isNotSameAs(first);
        }
    }

    @Test
    void aBatchLeftBehindByAFailedUseIsNotExecutedByTheNext() throws Exception {
        try (Connection c = sqlite()) {
            StatementCache cache = StatementCache.NONE.of(c);
            PreparedStatement ps = cache.get("INSERT INTO t (v) VALUES (?)");
            ps.setInt(1, 1);
            ps.addBatch(); // the task failed here, before executeBatch
            PreparedStatement again = cache.get("INSERT INTO t (v) VALUES (?)");
            again.setInt(1, 2);
            again.addBatch();
            assertThat(again.executeBatch()).hasSize(1);
            assertThat(count(c)).isEqualTo(1);
        }
    }

    @Test
    void aNewConnectionGetsNewStatementsAndTheOldOnesAreClosed() throws Exception {
        try (Connection a = sqlite(); Connection b = sqlite()) {
            StatementCache onA = StatementCache.NONE.of(a);
            PreparedStatement old = onA.get("SELECT v FROM t");
            StatementCache onB = onA.of(b);
            assertThat(onB).isNotSameAs(onA);
            assertThat(old.isClosed()).isTrue();
            PreparedStatement fresh = onB.get("SELECT v FROM t");
            assertThat(fresh.getConnection()).isSameAs(b);
        }
    }
}
