package org.hemowatch.ingest.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last retained message per topic (MQTT 3.1.1 §3.3.1.3): a retained PUBLISH replaces the topic's
 * state, an empty retained payload clears it, and a new subscription receives the states its filter
 * matches. Not thread-safe: owned by the {@link SessionStore}.
 */
final class RetainedMessages {

    private final Map<String, Outbound> byTopic = new LinkedHashMap<>();

    void retain(Outbound m) {
        if (m.payload().length() == 0) {
            byTopic.remove(m.topic());
        } else {
            byTopic.put(m.topic(), m);
        }
    }

    /** A retained message and the first of the new filters that matched it. */
    record Match(Outbound message, String filter) {
    }

    /**
     * The retained messages matching any of the filters of one SUBSCRIBE, each once (with the first
     * filter that matched), in the order their topics were first retained.
     */
    List<Match> matching(List<String> filters) {
        List<Match> out = new ArrayList<>();
        for (Outbound m : byTopic.values()) {
            for (String f : filters) {
                if (TopicFilter.matches(f, m.topic())) {
                    out.add(new Match(m, f));
                    break;
                }
            }
        }
        return out;
    }

    int size() {
        return byTopic.size();
    }
}
