package org.hemowatch.domain.coldchain;

import java.util.Optional;

import org.hemowatch.domain.ComponentClass;

/**
 * Pure rules about where a unit is kept: which device may hold which component class (time out of controlled
 * storage is {@link OutOfStorage}). See {@code docs/cold-chain.md}.
 */
public final class StorageRules {

    private StorageRules() {
    }

    /**
     * Empty if {@code device} may hold {@code component}; otherwise why not. A device with an empty
     * {@code holds} (a room, a bench) holds anything.
     */
    public static Optional<String> wrongDevice(DeviceProfile device, ComponentClass component) {
        if (device.holds().isEmpty() || device.holds().contains(component)) {
            return Optional.empty();
        }
        return Optional.of(component.code() + " must not be stored in " + device.id() + " (" + device.kind().code()
                + ", holds " + device.holds().stream().map(ComponentClass::code).sorted().toList() + ")");
    }
}
