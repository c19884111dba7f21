package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;

/**
 * The start-up read of the open units (not TRANSFUSED or DISCARDED), made cheap because it reads
 * every unit in stock: the coded columns come packed in one text column (joined by U+001F, which no
 * code contains), so a row costs five column reads instead of nineteen, and are decoded by hand
 * (enum tables, no per-row stream or column-name lookup). The free-text columns (location,
 * destination, recipient, status reason) are read as they are. A row whose packed text does not
 * split into its fields (a code that did contain U+001F) is read again the ordinary way
 * ({@link UnitRows#unit}), so nothing is lost to the shortcut.
 * <p>
 * In SQLite the read can be split into rowid ranges ({@link #maxRowid}) read on several connections
 * at once; PostgreSQL reads it in one range.
 */
public final class OpenUnits {

    private static final char SEP = '\u001f';
    private static final int FIELDS = 15;
    private static final String PACKED = String.join(" || '" + SEP + "' || ",
            "din", "product_code", "division", "component", "abo", "rhd", "CAST(expires AS TEXT)", "site", "status",
            "CAST(updated AS TEXT)", "CAST(version AS TEXT)", "COALESCE(intended_use, '')",
            "COALESCE(CAST(out_of_storage_since AS TEXT), '')", "CAST(crossed_over AS TEXT)", "COALESCE(CAST(collected AS TEXT), '')");
    private static final String OPEN = "status NOT IN ('TRANSFUSED', 'DISCARDED')";
    private static final String SELECT = "SELECT " + PACKED + ", location, destination, recipient, status_reason, din, product_code, division"
            + " FROM units WHERE " + OPEN;
    private static final Map<String, ComponentClass> COMPONENTS = new HashMap<>();
    private static final Map<String, UnitStatus> STATUSES = new HashMap<>();
    private static final Map<String, IntendedUse> USES = new HashMap<>();
    private static final BloodGroup[] GROUPS = new BloodGroup[Abo.values().length * RhD.values().length];

    static {
        for (Abo a : Abo.values()) {
            for (RhD r : RhD.values()) {
                GROUPS[a.ordinal() * RhD.values().length + r.ordinal()] = new BloodGroup(a, r);
            }
        }
        for (ComponentClass c : ComponentClass.values()) {
            COMPONENTS.put(c.code(), c);
        }
        for (UnitStatus s : UnitStatus.values()) {
            STATUSES.put(s.name(), s);
        }
        for (IntendedUse u : IntendedUse.values()) {
            USES.put(u.name(), u);
        }
    }

    private OpenUnits() {
    }

    /** The largest rowid of the SQLite units table (0 when empty): the bound of {@link #read}'s ranges. */
    public static long maxRowid(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(rowid), 0) FROM units"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every open unit (either dialect), with its texts as they are. */
    public static List<BloodUnit> read(Connection c) throws SQLException {
        return read(c, UnaryOperator.identity());
    }

    /**
     * Every open unit (either dialect). {@code codes} gives the shared instance of each code and short text
     * as it is decoded, so that the units read are already compact while they wait to be indexed (a million
     * rows would otherwise hold a million copies of "main" and "fridge-1" at once).
     */
    public static List<BloodUnit> read(Connection c, UnaryOperator<String> codes) throws SQLException {
        return read(c, SELECT, -1, -1, codes);
    }

    /** The open units of SQLite rowids {@code from} (exclusive) to {@code to} (inclusive); {@code codes} as for {@link #read(Connection, UnaryOperator)}. */
    public static List<BloodUnit> read(Connection c, long from, long to, UnaryOperator<String> codes) throws SQLException {
        return read(c, SELECT + " AND rowid > ? AND rowid <= ?", from, to, codes);
    }

    private static List<BloodUnit> read(Connection c, String sql, long from, long to, UnaryOperator<String> codes) throws SQLException {
        List<BloodUnit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (from >= 0) {
                ps.setLong(1, from);
                ps.setLong(2, to);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BloodUnit u = decode(rs.getString(1), codes.apply(rs.getString(2)), codes.apply(rs.getString(3)),
                            rs.getString(4), codes.apply(rs.getString(5)), codes);
                    out.add(u != null ? u : UnitRecords.find(c, new UnitKey(rs.getString(6), rs.getString(7), rs.getString(8))));
                }
            }
        }
        return out;
    }

    /** One unit from its packed codes and free-text columns; null when the packed text does not split into its fields. */
    static BloodUnit decode(String packed, String location, String destination, String recipient, String reason,
                            UnaryOperator<String> codes) {
        String[] f = new String[FIELDS];
        int n = 0;
        for (int start = 0; start <= packed.length(); n++) {
            int end = packed.indexOf(SEP, start);
            if (n == FIELDS) {
                return null;
            }
            f[n] = packed.substring(start, end < 0 ? packed.length() : end);
            start = end < 0 ? packed.length() + 1 : end + 1;
        }
        ComponentClass component = COMPONENTS.get(f[3]);
        UnitStatus status = STATUSES.get(f[8]);
        IntendedUse use = n == FIELDS && !f[11].isEmpty() ? USES.get(f[11]) : null;
        if (n != FIELDS || component == null || status == null || use == null && !f[11].isEmpty()) {
            return null;
        }
        return new BloodUnit(new UnitKey(f[0], codes.apply(f[1]), codes.apply(f[2])), component, group(f[4], f[5]),
                Instant.ofEpochMilli(Long.parseLong(f[6])), codes.apply(f[7]), location, destination, status, reason,
                Instant.ofEpochMilli(Long.parseLong(f[9])), Long.parseLong(f[10]), use,
                recipient, instant(f[12]), !f[13].equals("0"), instant(f[14]));
    }

    private static BloodGroup group(String abo, String rhd) {
        return GROUPS[Abo.valueOf(abo).ordinal() * RhD.values().length + RhD.valueOf(rhd).ordinal()];
    }

    private static Instant instant(String millis) {
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
