package org.hemowatch.observability;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Grafana dashboard JSON reduced to what the tests check: panels (rows flattened), their queries, and variables. */
record Dashboard(String file, JsonNode json, List<JsonNode> panels, Map<String, JsonNode> variables) {

    /** One PromQL query of one panel. */
    record Query(String dashboard, int panelId, String panelTitle, String refId, String expr) {
        @Override
        public String toString() {
            return dashboard + " / #" + panelId + " " + panelTitle + " / " + refId;
        }
    }

    /** Grafana's built-in interval variables, replaced by fixed durations when a query is run outside Grafana. */
    static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "1m", "__interval", "15s", "__range", "1h");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)(?::\\w+)?}?");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.+),\\s*(\\w+)\\s*\\)\\s*$");

    static Dashboard load(Path file) {
        JsonNode json = Repo.json(file);
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode p : json.path("panels")) {
            panels.add(p);
            p.path("panels").forEach(panels::add); // panels of collapsed rows
        }
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        json.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        return new Dashboard(file.getFileName().toString(), json, panels, variables);
    }

    List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Query(file, p.path("id").asInt(), p.path("title").asText(), t.path("refId").asText(), t.path("expr").asText()));
            }
        }
        return out;
    }

    /** Names of the variables a text refers to ($x, ${x}, ${x:regex}). */
    static List<String> variablesIn(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Replaces every variable by its value; unknown names stay as they are (the query then fails visibly). */
    static String substitute(String text, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), BUILT_INS.get(m.group(1)));
            m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The query of a variable as (series selector, label), for {@code label_values(selector, label)}. */
    static String[] labelValues(JsonNode variable) {
        JsonNode q = variable.path("query");
        String text = q.isObject() ? q.path("query").asText() : q.asText();
        Matcher m = LABEL_VALUES.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("variable " + variable.path("name").asText() + " is not a label_values(...) query: " + text);
        }
        return new String[] {m.group(1).trim(), m.group(2)};
    }
}
