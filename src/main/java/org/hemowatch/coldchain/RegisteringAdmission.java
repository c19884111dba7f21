package org.hemowatch.coldchain;

import org.hemowatch.domain.coldchain.DeviceKind;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.DeviceProfiles;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.domain.rule.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Admission of readings by {@code coldChain.unknownDevices}: registered devices pass; an unknown
 * one is refused ({@code unknown-device}) or, with {@code register}, registered at once as a
 * refrigerator with the region's defaults and stored (its write is submitted before the readings'
 * own, so it commits no later than they do) unless another instance stored it first.
 */
final class RegisteringAdmission implements DeviceAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(RegisteringAdmission.class);

    private final DeviceRegistry registry;
    private final ColdChainConfig config;
    private final GroupCommitWriter writer;
    private final ColdChainStore store;
    private final Clock clock;

    RegisteringAdmission(DeviceRegistry registry, ColdChainConfig config, GroupCommitWriter writer, ColdChainStore store, Clock clock) {
        this.registry = registry;
        this.config = config;
        this.writer = writer;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<Rejection> admit(String site, String device) {
        if (registry.find(site, device).isPresent()) {
            return Optional.empty();
        }
        if (!config.registerUnknown()) {
            return Optional.of(Rejection.unknown("unknown-device", "device '" + device + "' at site '" + site
                    + "' is not registered: declare it under coldChain.devices in the config or with PUT /api/v1/devices/"
                    + device + " (an unregistered sensor has no safe range, so its readings cannot be judged)"));
        }
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, config.regionRules(), device, site, device);
        registry.put(p);
        String json = store.encode(p);
        String key = DeviceRegistry.key(site, device);
        writer.submit(tx -> store.addDevice(tx, key, json, clock.instant())).whenComplete((added, e) -> {
            if (Boolean.FALSE.equals(added)) {
                // another instance registered it first: its stored profile decides, followed from the change log
                LOG.info("device {} was registered by another instance first; its profile is taken", key);
            } else if (e != null) {
                // the device stays registered in memory and is saved again by the next PUT; say so loudly
                LOG.error("device {}/{} was registered automatically but could not be saved; it will be unknown after a restart",
                        site, device, e);
            }
        });
        LOG.warn("device {}/{} registered automatically as a refrigerator on its first reading (coldChain.unknownDevices: register)", site, device);
        return Optional.empty();
    }
}
