package org.hemowatch.app;

import java.net.InetAddress;
import java.util.UUID;

/** This process's id among the instances sharing one database: host name and a random part, fresh at every start. */
final class InstanceId {
    private InstanceId() {
    }

    static String create() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "host";
        }
        String safe = host.replaceAll("[^A-Za-z0-9.-]", "_");
        return (safe.length() > 40 ? safe.substring(0, 40) : safe) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
