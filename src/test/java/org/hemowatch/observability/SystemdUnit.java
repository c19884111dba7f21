package org.hemowatch.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A systemd unit file as (section, key) → values; keys may repeat (DeviceAllow=). */
record SystemdUnit(Map<String, List<String>> settings) {

    static SystemdUnit parse(String text) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String section = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                settings.computeIfAbsent(section + "." + line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
            }
        }
        return new SystemdUnit(settings);
    }

    List<String> values(String section, String key) {
        return settings.getOrDefault(section + "." + key, List.of());
    }
}
