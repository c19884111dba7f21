package org.hemowatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Column conversions shared by the record classes: timestamps are epoch milliseconds, enums their names. */
final class Sql {
    private Sql() {
    }

    static long millis(Instant t) {
        return t.toEpochMilli();
    }

    static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static void setText(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }

    static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
