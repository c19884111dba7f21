package org.hemowatch.auth;

/**
 * A principal the service itself acts as: anonymous MQTT clients (when allowed), the external broker
 * bridge, a configured serial port. It has no key and cannot be revoked.
 */
public record SystemPrincipal(String id, String name, Role role, String site, DeviceScope devices) implements Principal {

    @Override
    public String kind() {
        return "system";
    }

    /** A serial port of the given site: a local wire, speaks for whatever device is attached to it. */
    public static SystemPrincipal serialPort(String port, String site) {
        return new SystemPrincipal("serial:" + port, "serial " + port, Role.DEVICE, site, DeviceScope.ALL);
    }
}
