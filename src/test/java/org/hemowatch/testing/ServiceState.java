package org.hemowatch.testing;

import java.sql.Statement;
import java.util.List;

/**
 * What the access tests compare before and after a refused request or message: every stored row it could
 * have touched, as one comparable text, and the value of one metric line as scraped from {@code /metrics}.
 */
public final class ServiceState {

    private static final List<String> QUERIES = List.of("SELECT count(*) FROM readings", "SELECT count(*) FROM unit_events",
            "SELECT group_concat(din || ':' || status || ':' || site) FROM units", "SELECT count(*) FROM documents",
            "SELECT count(*) FROM audit_log", "SELECT count(*) FROM api_keys");

    private ServiceState() {
    }

    /** Every stored row a refused request or message could have touched (counts and unit states), as one text. */
    public static String stored(HemowatchExtension service) {
        return stored(service.running());
    }

    /** As {@link #stored(HemowatchExtension)}, of one instance. */
    public static String stored(RunningService service) {
        return service.service().database().read(c -> {
            StringBuilder b = new StringBuilder();
            for (String q : QUERIES) {
                try (Statement st = c.createStatement(); var rs = st.executeQuery(q)) {
                    rs.next();
                    b.append(q).append(" = ").append(rs.getString(1)).append('\n');
                }
            }
            return b.toString();
        });
    }

    /** The value of one exposition line (name with labels, exactly as scraped), or 0 when absent. */
    public static double metric(Http http, String adminKey, String line) throws Exception {
        return http.get("/metrics", adminKey).body().lines().filter(l -> l.startsWith(line + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
