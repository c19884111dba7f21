package org.hemowatch.coldchain;

import org.hemowatch.domain.rule.Rejection;

import java.util.Optional;

/**
 * Decides whether readings of a device are accepted: the device registry either knows the
 * device, registers it, or refuses it (rule {@code unknown-device}). The port the cold chain
 * offers to the reading ingestion of every wire.
 */
@FunctionalInterface
public interface DeviceAdmission {

    /** Accepts every device (the default before the cold chain is wired). */
    DeviceAdmission ANY = (site, device) -> Optional.empty();

    /** Empty to accept; an error to refuse. Called on the caller's thread; must not block. */
    Optional<Rejection> admit(String site, String device);
}
