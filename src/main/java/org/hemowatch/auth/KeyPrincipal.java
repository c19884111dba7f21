package org.hemowatch.auth;

import org.hemowatch.store.ApiKeyRecord;

/** The principal of an API key: its public id, name, role, site scope and device scope. */
public record KeyPrincipal(String id, String name, Role role, String site, DeviceScope devices) implements Principal {

    public KeyPrincipal {
        if (devices == null) {
            devices = DeviceScope.NONE;
        }
    }

    /** The principal of a stored key. Device keys without a stored list are legacy gateways; other roles speak for no device. */
    public static KeyPrincipal of(ApiKeyRecord r) {
        Role role = Role.parse(r.role()).orElseThrow(() -> new IllegalStateException("stored key " + r.id() + " has unknown role " + r.role()));
        DeviceScope devices = role == Role.DEVICE ? DeviceScope.fromStored(r.devices()) : DeviceScope.NONE;
        return new KeyPrincipal(r.id(), r.name(), role, r.site(), devices);
    }
}
