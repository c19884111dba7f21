package org.hemowatch.app;

import org.hemowatch.ingest.mqtt.MqttConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a listener that cannot start into one {@link StartupFailure} line naming the port and the
 * setting to change, e.g. {@code MQTT port 1883 is in use: set HEMOWATCH_MQTT_PORT or mqtt.port, or mqtt.enabled: false}.
 */
final class ListenerFailures {

    static final String HTTP_SETTING = "set HEMOWATCH_HTTP_PORT or http.port";
    static final String MQTT_SETTING = "set HEMOWATCH_MQTT_PORT or mqtt.port, or mqtt.enabled: false";
    static final String MQTT_TLS_SETTING = "set mqtt.tlsPort, or remove mqtt.certPath and mqtt.keyPath to run without TLS";

    private ListenerFailures() {
    }

    static StartupFailure http(String host, int port, Throwable e) {
        return listen("HTTP", host, port, HTTP_SETTING, e);
    }

    /**
     * The MQTT endpoint failed to start: the plain listener binds first, the TLS one after it, so
     * when both ports are configured a TLS port that is taken names the TLS listener.
     */
    static StartupFailure mqtt(MqttConfig c, Throwable e) {
        if (c.tls() && bindFailure(e) && taken(c.host(), c.tlsPort())) {
            return listen("MQTT TLS", c.host(), c.tlsPort(), MQTT_TLS_SETTING, e);
        }
        if (c.tls() && !bindFailure(e) && taken(c.host(), c.port())) {
            // the plain listener is up (ours), so the TLS listener could not start with this certificate and key
            return new StartupFailure("MQTT TLS listener on port " + c.tlsPort() + " cannot start (" + rootMessage(e)
                    + "): check that mqtt.certPath and mqtt.keyPath are a matching PEM certificate and key", e);
        }
        return listen("MQTT", c.host(), c.port(), MQTT_SETTING, e);
    }

    /** Before binding: the TLS certificate and key must be readable files. */
    static void checkTlsFiles(MqttConfig c) {
        if (!c.tls()) {
            return;
        }
        readable("certificate", "mqtt.certPath", c.certPath());
        readable("key", "mqtt.keyPath", c.keyPath());
    }

    private static void readable(String what, String setting, String file) {
        if (file == null) {
            throw new StartupFailure("MQTT TLS " + what + " is not set: set " + setting + " (a PEM file), or remove mqtt.certPath and mqtt.keyPath");
        }
        Path p = Path.of(file);
        try {
            Files.newInputStream(p).close();
        } catch (IOException | SecurityException e) {
            throw new StartupFailure("MQTT TLS " + what + " " + p.toAbsolutePath() + " cannot be read (" + reason(e) + "): set "
                    + setting + " to a readable PEM file, or remove mqtt.certPath and mqtt.keyPath", e);
        }
    }

    private static StartupFailure listen(String what, String host, int port, String setting, Throwable e) {
        if (bindFailure(e)) {
            return new StartupFailure(what + " port " + port + " is in use: " + setting, e);
        }
        return new StartupFailure("cannot listen for " + what + " on " + host + ":" + port + " (" + rootMessage(e) + "): " + setting, e);
    }

    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** True when another socket holds the port (used only to word an error, after a bind failed). */
    private static boolean taken(String host, int port) {
        if (port <= 0) {
            return false;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static String reason(Exception e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() != null ? e.getMessage() : name;
        };
    }
}
