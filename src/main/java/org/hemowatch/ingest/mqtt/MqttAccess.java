package org.hemowatch.ingest.mqtt;

import org.hemowatch.auth.Access;
import org.hemowatch.auth.DeviceScope;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.auth.SystemPrincipal;

import java.util.Optional;

/**
 * Who may publish and subscribe to what (pure). Publishing is the one {@link Access} decision
 * (permission {@code READING_PUBLISH} or {@code UNIT_SCAN} on the topic's site and device or scanner id):
 * a device key publishes only as the ids it names (a gateway, {@code ["*"]} or a key older than device
 * identity, as any id of its site). Devices may read the errors topics of their own ids; stations subscribe
 * to their site's alerts and their own station topic; admins may do both. A key scoped to a site may only
 * use that site's topics. Anonymous clients (only with {@code mqtt.allowAnonymous}) act as device and
 * station on any site.
 */
public final class MqttAccess {

    /** The principal of anonymous connections. */
    public static final Principal ANONYMOUS = new SystemPrincipal("anonymous", "anonymous", Role.DEVICE, null, DeviceScope.ALL);
    /** The principal of the service's own external-broker subscription: the broker authenticated the senders. */
    public static final Principal BROKER = new SystemPrincipal("broker", "broker", Role.ADMIN, null, DeviceScope.NONE);

    private MqttAccess() {
    }

    static boolean anonymous(Principal p) {
        return p == ANONYMOUS;
    }

    /**
     * Empty if the principal may publish to the topic, else the rejection with the access rule
     * ({@code role-forbidden}, {@code site-forbidden} or {@code device-forbidden}).
     */
    public static Optional<RejectedMessage> mayPublish(Principal p, MqttTopic topic) {
        Access.Permission permission = topic.channel() == MqttTopic.Channel.SCANS ? Access.Permission.UNIT_SCAN : Access.Permission.READING_PUBLISH;
        return Access.decide(p, permission, Access.Target.device(topic.site(), topic.id())).map(r -> new RejectedMessage(r, null));
    }

    /**
     * True if a device principal may connect under {@code username}: a gateway (or a legacy key) under
     * any name, a device key only as one of its own device or scanner ids. Other roles: always.
     */
    public static boolean mayUseUsername(Principal p, String username) {
        return p.role() != Role.DEVICE || p.devices().speaksFor(username);
    }

    /**
     * True if the principal (connected as {@code username}) may subscribe to the filter.
     * Filters must stay inside {@code hemowatch/v1/}.
     */
    public static boolean maySubscribe(Principal p, String username, String filter) {
        String[] l = filter.split("/", -1);
        if (l.length < 3 || !l[0].equals("hemowatch") || !l[1].equals("v1")) {
            return false;
        }
        boolean admin = p.hasAnyRole(Role.ADMIN) && p != ANONYMOUS;
        String site = l[2];
        boolean wildSite = site.equals("+") || site.equals("#");
        if (wildSite ? p.site() != null : !p.mayAccessSite(site)) {
            return false;
        }
        if (admin) {
            return true;
        }
        if (site.equals("#") || l.length < 4) {
            return false;
        }
        boolean station = p.hasAnyRole(Role.STATION) || anonymous(p);
        boolean device = p.hasAnyRole(Role.DEVICE);
        if (station && l[3].equals("alerts")) {
            return true;
        }
        if (station && l.length == 6 && l[3].equals("stations") && l[5].equals("alerts")) {
            return l[4].equals(username) || anonymous(p);
        }
        if (device && l.length == 6 && (l[3].equals("devices") || l[3].equals("scanners")) && l[5].equals("errors")) {
            // a gateway reads the errors of every id of its site; a device key those of its own ids
            return !l[4].equals("#") && (p.devices().gateway() || p.devices().speaksFor(l[4]));
        }
        return false;
    }
}
