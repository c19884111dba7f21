package org.hemowatch.auth;

import org.hemowatch.domain.rule.Rejection;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one access decision (pure). Every path (HTTP route, MQTT publish and subscribe, serial, SSE,
 * FHIR, audit) asks {@link #decide} with the principal, what it wants to do, and the STORED object
 * it wants to do it to: the unit's current site, the device's registered site, never only the
 * site a request names. The answer is the service's one refusal type: empty when allowed, else a
 * {@link Rejection.Kind#FORBIDDEN} {@link Rejection} with the rule below, which every edge maps as it
 * maps any other rejection (HTTP 403 problem+json, the MQTT errors topic or PUBACK reason code).
 *
 * <pre>
 *   decide(p, permission, target)
 *     role lacks permission                       → role-forbidden
 *     permission needs an unscoped admin, p scoped → scope-forbidden
 *     target.site set and p limited to another     → site-forbidden
 *     p is a device and target.device set and
 *       p's device scope does not name it          → device-forbidden
 *     otherwise                                    → allowed
 * </pre>
 *
 * <table>
 *   <caption>What each role may do (all within its site scope)</caption>
 *   <tr><th>role</th><th>permissions</th></tr>
 *   <tr><td>admin</td><td>everything; {@link Permission#UNIT_CHANGE_SITE} only without a site scope</td></tr>
 *   <tr><td>technician</td><td>units read, scan, decide; devices, readings, stock, alerts read; alerts act; FHIR; serial status</td></tr>
 *   <tr><td>hospital</td><td>stock and FHIR read</td></tr>
 *   <tr><td>device</td><td>scan and publish readings/status, each only as one of its own device or scanner ids</td></tr>
 *   <tr><td>station</td><td>alerts read (stream, MQTT), devices and stock read</td></tr>
 * </table>
 */
public final class Access {

    /** What a principal wants to do. */
    public enum Permission {
        UNIT_READ, UNIT_SCAN, UNIT_DECIDE,
        /** Change a unit's site: a transfer between sites; only an admin without scope until transfers exist. */
        UNIT_CHANGE_SITE,
        DEVICE_READ, DEVICE_CONFIGURE, READING_PUBLISH, READING_READ,
        STOCK_READ, PAR_LEVEL_WRITE,
        ALERT_READ, ALERT_ACT,
        FHIR_READ, SERIAL_READ,
        KEY_ADMIN, AUDIT_READ,
        /** Create, list, delete personal accounts and reset their passwords. */
        USER_ADMIN
    }

    /** What is acted on, as stored: its site and, for device data, the device or scanner id. Null parts are not checked. */
    public record Target(String site, String device) {
        public static final Target NONE = new Target(null, null);

        public static Target site(String site) {
            return new Target(site, null);
        }

        public static Target device(String site, String device) {
            return new Target(site, device);
        }
    }

    private static final Set<Permission> UNSCOPED_ONLY = EnumSet.of(Permission.UNIT_CHANGE_SITE);
    private static final Set<Permission> DEVICE_BOUND = EnumSet.of(Permission.UNIT_SCAN, Permission.READING_PUBLISH);
    private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Role.class);

    static {
        GRANTS.put(Role.ADMIN, EnumSet.allOf(Permission.class));
        GRANTS.put(Role.TECHNICIAN, EnumSet.of(Permission.UNIT_READ, Permission.UNIT_SCAN, Permission.UNIT_DECIDE,
                Permission.DEVICE_READ, Permission.READING_READ, Permission.STOCK_READ, Permission.ALERT_READ,
                Permission.ALERT_ACT, Permission.FHIR_READ, Permission.SERIAL_READ));
        GRANTS.put(Role.HOSPITAL, EnumSet.of(Permission.STOCK_READ, Permission.FHIR_READ));
        GRANTS.put(Role.DEVICE, EnumSet.of(Permission.UNIT_SCAN, Permission.READING_PUBLISH));
        GRANTS.put(Role.STATION, EnumSet.of(Permission.ALERT_READ, Permission.DEVICE_READ, Permission.READING_READ, Permission.STOCK_READ));
    }

    private static final Optional<Rejection> ALLOWED = Optional.empty();

    private Access() {
    }


    /** The roles that hold a permission (for route tables and error messages). */
    public static Set<Role> rolesWith(Permission permission) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        GRANTS.forEach((role, perms) -> {
            if (perms.contains(permission)) {
                out.add(role);
            }
        });
        return out;
    }

    /** True if the role holds the permission at all (before any scope check). */
    public static boolean grants(Role role, Permission permission) {
        return GRANTS.getOrDefault(role, Set.of()).contains(permission);
    }

    /** The role check alone (routes use it before they know the stored object; {@link #decide} repeats it). Empty when allowed. */
    public static Optional<Rejection> decideRole(Principal p, Permission permission) {
        return grants(p.role(), permission) ? ALLOWED : Optional.of(Rejection.forbidden("role-forbidden", "a key of role '" + p.role().id() + "' may not "
                    + permission.name().toLowerCase().replace('_', ' ') + "; allowed: " + rolesWith(permission).stream().map(Role::id).sorted().toList()));
    }

    /** The access decision: empty when allowed, else the refusal ({@code role-forbidden}, {@code scope-forbidden}, {@code site-forbidden}, {@code device-forbidden}). */
    public static Optional<Rejection> decide(Principal p, Permission permission, Target target) {
        Optional<Rejection> role = decideRole(p, permission);
        if (role.isPresent()) {
            return role;
        }
        if (UNSCOPED_ONLY.contains(permission) && p.site() != null) {
            return Optional.of(Rejection.forbidden("scope-forbidden", "only an admin without site scope may do this; this key is limited to site '" + p.site() + "'"));
        }
        if (target.site() != null && !p.mayAccessSite(target.site())) {
            return Optional.of(Rejection.forbidden("site-forbidden", "this key is limited to site '" + p.site() + "'"));
        }
        if (p.role() == Role.DEVICE && DEVICE_BOUND.contains(permission) && !p.devices().speaksFor(target.device())) {
            return Optional.of(Rejection.forbidden("device-forbidden", target.device() == null
                    ? "a device key must name the device or scanner it speaks for"
                    : "this key does not speak for '" + target.device() + "'; it speaks for " + p.devices().ids()));
        }
        return ALLOWED;
    }

    /** {@link #decide}, throwing the refusal as a {@link org.hemowatch.domain.rule.RejectedException} (to fail an ingest or a future with). */
    public static void require(Principal p, Permission permission, Target target) {
        Optional<Rejection> refusal = decide(p, permission, target);
        if (refusal.isPresent()) {
            throw refusal.get().exception();
        }
    }

    /** True when {@link #decide} allows; for filtering lists by the stored object's site. */
    public static boolean allows(Principal p, Permission permission, Target target) {
        return decide(p, permission, target).isEmpty();
    }
}
