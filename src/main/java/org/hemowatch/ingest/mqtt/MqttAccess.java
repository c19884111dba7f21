package org.hemowatch.ingest.mqtt;

import org.hemowatch.auth.DeviceScope;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.auth.SystemPrincipal;

import java.util.Optional;

/**
 * Who may publish and subscribe to what (pure). Devices (and scanners, which use device keys) publish
 * their own data and may read their errors topics; stations subscribe to their site's alerts and their
 * own station topic; admins may do both. A key scoped to a site may only use that site's topics.
 * Anonymous clients (only with {@code mqtt.allowAnonymous}) act as device and station on any site.
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

    /** Empty if the principal may publish to the topic, else the rejection (rule {@code forbidden} or {@code wrong-site}). */
    public static Optional<MqttRejection> mayPublish(Principal p, MqttTopic topic) {
        if (!p.hasAnyRole(Role.DEVICE, Role.ADMIN)) {
            return Optional.of(new MqttRejection("forbidden", "a key with role " + p.role().id() + " may not publish device data", null));
        }
        if (!p.mayAccessSite(topic.site())) {
            return Optional.of(new MqttRejection("wrong-site", "this key is limited to site '" + p.site() + "' and may not publish to site '" + topic.site() + "'", null));
        }
        return Optional.empty();
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
            return !l[4].equals("#");
        }
        return false;
    }
}
