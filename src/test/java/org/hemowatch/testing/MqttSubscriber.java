package org.hemowatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real MQTT subscriber: {@code mosquitto_sub} (QoS 1, MQTT 3.1.1) whose output is read line by
 * line on a thread; every message is timestamped with {@link System#nanoTime()} the moment its
 * line is read. Messages are printed as {@code <retain> <qos> <topic> <payload>} so tests see the
 * retain flag; an empty payload (a cleared retained topic) gives an empty {@link Message#payload()}.
 */
public final class MqttSubscriber implements AutoCloseable {

    /** One received message; {@code retain} is the flag as delivered (1 only for retained messages sent on subscribe). */
    public record Message(boolean retain, int qos, String topic, String payload, long receivedNanos) {
    }

    private final Process process;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final List<String> otherLines = new CopyOnWriteArrayList<>();
    private volatile boolean subscribed;

    private MqttSubscriber(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "mosquitto_sub-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mosquitto_sub -q 1} on 127.0.0.1:{@code port} with the given credentials (null for
     * none) and topic filters, and waits for its SUBACK.
     */
    public static MqttSubscriber start(int port, String user, String password, String... filters) throws Exception {
        List<String> args = new ArrayList<>(List.of("-d", "-q", "1", "-F", "%r %q %t %p"));
        for (String f : filters) {
            args.addAll(List.of("-t", f));
        }
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL")); // line-buffered: each message is seen when it arrives
        cmd.addAll(Mosquitto.client("mosquitto_sub", port, user, password, args.toArray(String[]::new)));
        MqttSubscriber s = new MqttSubscriber(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        long end = System.currentTimeMillis() + 10_000;
        while (!s.subscribed) {
            if (!s.process.isAlive() || System.currentTimeMillis() > end) {
                s.close();
                throw new IllegalStateException("mosquitto_sub did not subscribe: " + s.otherLines);
            }
            Thread.sleep(10);
        }
        return s;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                Message m = parse(line, now);
                if (m != null) {
                    messages.add(m);
                } else {
                    if (line.contains("received SUBACK")) {
                        subscribed = true;
                    }
                    otherLines.add(line);
                }
            }
        } catch (IOException e) {
            // process ended
        }
    }

    /** A message line ({@code "1 1 topic payload"}), or null for mosquitto_sub's debug and error lines. */
    static Message parse(String line, long nanos) {
        if (line.length() < 5 || (line.charAt(0) != '0' && line.charAt(0) != '1') || line.charAt(1) != ' '
                || !Character.isDigit(line.charAt(2)) || line.charAt(3) != ' ') {
            return null;
        }
        String rest = line.substring(4);
        int space = rest.indexOf(' ');
        if (space < 0) {
            return null;
        }
        return new Message(line.charAt(0) == '1', line.charAt(2) - '0', rest.substring(0, space), rest.substring(space + 1), nanos);
    }

    /** The next message matching {@code filter} (earlier non-matching ones are dropped), or null after the timeout. */
    public Message next(Predicate<Message> filter, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        long left;
        while ((left = end - System.currentTimeMillis()) > 0) {
            Message m = messages.poll(left, TimeUnit.MILLISECONDS);
            if (m != null && filter.test(m)) {
                return m;
            }
        }
        return null;
    }

    /** The next message on {@code topic}, or null after the timeout. */
    public Message next(String topic, long timeoutMs) throws InterruptedException {
        return next(m -> m.topic().equals(topic), timeoutMs);
    }

    /** Drops every message received so far. */
    public void clear() {
        messages.clear();
    }

    /** Messages received and not yet taken. */
    public List<Message> pending() {
        return List.copyOf(messages);
    }

    /** mosquitto_sub's own lines (debug, errors), for failure messages. */
    public List<String> log() {
        return List.copyOf(otherLines);
    }

    /**
     * What a client subscribing now gets as retained on {@code topic}: runs {@code mosquitto_sub
     * --retained-only -W <waitSeconds>}; empty when nothing is retained.
     */
    public static List<Message> retained(int port, String user, String password, String topic, int waitSeconds) throws Exception {
        try (MqttSubscriber s = new MqttSubscriber(new ProcessBuilder(Mosquitto.client("mosquitto_sub", port, user, password,
                "-q", "1", "--retained-only", "-W", Integer.toString(waitSeconds), "-F", "%r %q %t %p", "-t", topic))
                .redirectErrorStream(true).start())) {
            if (!s.process.waitFor(waitSeconds + 10L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("mosquitto_sub --retained-only did not end");
            }
            Thread.sleep(50); // the reader thread drains the last lines
            List<Message> out = new ArrayList<>(s.messages);
            if (out.isEmpty() && s.otherLines.stream().anyMatch(l -> !l.contains("Timed out"))) {
                throw new IllegalStateException("mosquitto_sub failed: " + s.otherLines);
            }
            return out;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
