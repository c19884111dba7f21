package org.hemowatch.ingest.mqtt;

import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * CONNECT → principal or {@link ConnectRefusal} (pure apart from the key lookup it is given).
 * <ol>
 *   <li>no password: the anonymous principal if {@code mqtt.allowAnonymous}, else {@code anonymous};</li>
 *   <li>the password must be an active API key ({@code bad-credentials});</li>
 *   <li>its role must be device, station or admin ({@code not-authorized});</li>
 *   <li>a device key's user name (the client id when there is none) must be one of its device or
 *       scanner ids, unless it is a gateway ({@code wrong-username}).</li>
 * </ol>
 * Session ownership and the connection limit are decided by the {@link SessionStore}, which knows
 * the sessions; throttling before this runs.
 */
public final class ConnectAuthenticator {

    /** What a CONNECT said, as far as admission is concerned. */
    public record ConnectRequest(int protocolVersion, String clientId, String username, String password, boolean cleanSession) {
    }

    /**
     * The outcome: an admitted principal (with the effective client id and user name) or a refusal;
     * a refusal after the key was recognised still names its principal (to throttle by key id).
     */
    public record Decision(Principal principal, String clientId, String username, ConnectRefusal refusal) {
        public boolean admitted() {
            return refusal == null;
        }

        static Decision refused(ConnectRefusal r) {
            return new Decision(null, null, null, r);
        }
    }

    private final Function<String, Optional<Principal>> keys;
    private final boolean allowAnonymous;

    /**
     * @param keys           the active principal of an API key secret (e.g. {@code ApiKeys::authenticate})
     * @param allowAnonymous accept clients without a password as {@link MqttAccess#ANONYMOUS}
     */
    public ConnectAuthenticator(Function<String, Optional<Principal>> keys, boolean allowAnonymous) {
        this.keys = keys;
        this.allowAnonymous = allowAnonymous;
    }

    public Decision decide(ConnectRequest r) {
        Principal p;
        if (r.password() == null) {
            if (!allowAnonymous) {
                return Decision.refused(ConnectRefusal.ANONYMOUS);
            }
            p = MqttAccess.ANONYMOUS;
        } else {
            Optional<Principal> found = keys.apply(r.password());
            if (found.isEmpty()) {
                return Decision.refused(ConnectRefusal.BAD_CREDENTIALS);
            }
            p = found.get();
        }
        if (!p.hasAnyRole(Role.DEVICE, Role.STATION, Role.ADMIN)) {
            return new Decision(p, null, null, ConnectRefusal.NOT_AUTHORIZED);
        }
        // MQTT 3.1.1 §3.1.3.1: a server may assign an id to a client that sent none (clean sessions only)
        String clientId = r.clientId() == null || r.clientId().isEmpty() ? "auto-" + UUID.randomUUID() : r.clientId();
        String username = r.username() != null ? r.username() : clientId;
        if (!MqttAccess.mayUseUsername(p, username)) {
            return new Decision(p, clientId, username, ConnectRefusal.WRONG_USERNAME);
        }
        return new Decision(p, clientId, username, null);
    }
}
