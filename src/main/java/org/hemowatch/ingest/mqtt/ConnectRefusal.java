package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;

/**
 * Why a CONNECT was refused, with its CONNACK code in both protocol versions (MQTT 3.1.1 §3.2.2.3
 * table 3.1; MQTT 5 §3.2.2.2) and the {@code reason} label of {@code hemowatch_mqtt_connections_refused_total}.
 *
 * <pre>
 * reason           MQTT 3.1.1                 MQTT 5
 * limit            3 server unavailable       0x89 server busy
 * anonymous        5 not authorised           0x87 not authorized
 * bad-credentials  4 bad user name/password   0x86 bad user name or password
 * not-authorized   5 not authorised           0x87 not authorized
 * wrong-username   5 not authorised           0x87 not authorized
 * session-owned    5 not authorised           0x87 not authorized
 * throttled        3 server unavailable       0x9F connection rate exceeded
 * </pre>
 */
public enum ConnectRefusal {
    /** The endpoint holds {@code mqtt.maxConnections} connections already. */
    LIMIT("limit", CONNECTION_REFUSED_SERVER_UNAVAILABLE, CONNECTION_REFUSED_SERVER_BUSY),
    /** No password, and anonymous clients are not allowed. */
    ANONYMOUS("anonymous", CONNECTION_REFUSED_NOT_AUTHORIZED, CONNECTION_REFUSED_NOT_AUTHORIZED_5),
    /** The password is not an active API key. */
    BAD_CREDENTIALS("bad-credentials", CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD),
    /** The key's role has no business on MQTT (technician, hospital). */
    NOT_AUTHORIZED("not-authorized", CONNECTION_REFUSED_NOT_AUTHORIZED, CONNECTION_REFUSED_NOT_AUTHORIZED_5),
    /** A device key connecting under a user name that is not one of its device or scanner ids. */
    WRONG_USERNAME("wrong-username", CONNECTION_REFUSED_NOT_AUTHORIZED, CONNECTION_REFUSED_NOT_AUTHORIZED_5),
    /** The client id's session (live or persistent) belongs to another key; its owner stays connected. */
    SESSION_OWNED("session-owned", CONNECTION_REFUSED_NOT_AUTHORIZED, CONNECTION_REFUSED_NOT_AUTHORIZED_5),
    /** Too many failed CONNECTs from this source address or for this key id lately. */
    THROTTLED("throttled", CONNECTION_REFUSED_SERVER_UNAVAILABLE, CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED);

    private final String reason;
    private final MqttConnectReturnCode v3;
    private final MqttConnectReturnCode v5;

    ConnectRefusal(String reason, MqttConnectReturnCode v3, MqttConnectReturnCode v5) {
        this.reason = reason;
        this.v3 = v3;
        this.v5 = v5;
    }

    /** The stable kebab-case name, used as metric label and in logs. */
    public String reason() {
        return reason;
    }

    /** The CONNACK code for a client speaking {@code protocolVersion} (5 = MQTT 5, else 3.1/3.1.1). */
    public MqttConnectReturnCode code(int protocolVersion) {
        return protocolVersion == 5 ? v5 : v3;
    }

    /** True for a refusal that counts as a failed authentication attempt (and so towards throttling). */
    public boolean failedAuthentication() {
        return this == ANONYMOUS || this == BAD_CREDENTIALS || this == NOT_AUTHORIZED || this == WRONG_USERNAME;
    }
}
