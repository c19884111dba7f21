package org.hemowatch.metrics;

/**
 * Every metric name Hemowatch publishes, in one place. Names are given in micrometer's dotted
 * form; the Prometheus registry renders {@code hemowatch.units.available} as
 * {@code hemowatch_units_available} and adds {@code _total} to counters and {@code _seconds} to
 * timers. Labels are bounded: site, device, product/component, group, reason (a rule name),
 * path — never a donation number. The catalogue with types and labels is docs/metrics.md.
 */
public final class MetricNames {

    private MetricNames() {
    }

    // inventory (gauges, refreshed from the in-memory inventory at each scrape)
    /** Units in stock by site, component, group and status. */
    public static final String UNITS = "hemowatch.units";
    /** Available (issuable) units that expire within a window: label {@code within} = 24h | 72h. */
    public static final String UNITS_EXPIRING = "hemowatch.units.expiring";

    // ingestion
    /** Scans accepted, by site, path (http, mqtt, serial) and action. */
    public static final String SCANS_ACCEPTED = "hemowatch.scans.accepted";
    /** Scans rejected, by site, path and reason (the rule that failed). */
    public static final String SCANS_REJECTED = "hemowatch.scans.rejected";

    // store
    /** Time from the first write of a batch being taken to its COMMIT returning. */
    public static final String STORE_COMMIT = "hemowatch.store.commit";
    /** Writes committed per transaction by the group-commit writer. */
    public static final String STORE_BATCH_SIZE = "hemowatch.store.batch.writes";
    /** Batches whose commit failed. */
    public static final String STORE_COMMIT_FAILURES = "hemowatch.store.commit.failures";
    /** Writes waiting for the writer. */
    public static final String STORE_QUEUE = "hemowatch.store.queue.writes";

    // API
    /** Requests refused by authentication/authorisation, by reason (missing, invalid, forbidden). */
    public static final String AUTH_REJECTED = "hemowatch.auth.rejected";
    /** Failed console logins, by reason (bad-credentials, throttled-user, throttled-address). [hemowatch_auth_login_failures_total] */
    public static final String AUTH_LOGIN_FAILURES = "hemowatch.auth.login.failures";
    /** Successful console logins. [hemowatch_auth_logins_total] */
    public static final String AUTH_LOGINS = "hemowatch.auth.logins";
    /** Live console sessions. [hemowatch_auth_sessions] */
    public static final String AUTH_SESSIONS = "hemowatch.auth.sessions";
    /** HTTP requests the server refused before routing (bad header bytes, URI too long, headers too large), by status. */
    public static final String HTTP_PROTOCOL_ERRORS = "hemowatch.http.protocol.errors";
    /** HTTP connections closed because a request head was not complete in time (slowloris). [hemowatch_http_request_head_timeouts_total] */
    public static final String HTTP_REQUEST_HEAD_TIMEOUTS = "hemowatch.http.request.head.timeouts";

    // Names reserved for the features being built (MQTT, serial, cold chain, alerts, supply).
    // Prometheus names in brackets. Keep labels bounded: site, device (configured), path, reason (rule), kind, severity.

    /** Readings stored, by site and path (mqtt, serial, http). [hemowatch_readings_accepted_total] */
    public static final String READINGS_ACCEPTED = "hemowatch.readings.accepted";
    /** Readings refused, by path and reason. [hemowatch_readings_rejected_total] */
    public static final String READINGS_REJECTED = "hemowatch.readings.rejected";
    /** Readings acknowledged but not stored again (same device and seq). [hemowatch_readings_duplicates_total] */
    public static final String READINGS_DUPLICATES = "hemowatch.readings.duplicates";
    /** MQTT client connections open on the embedded endpoint. [hemowatch_mqtt_connections] */
    public static final String MQTT_CONNECTIONS = "hemowatch.mqtt.connections";
    /** MQTT connections refused, by reason (a {@code ConnectRefusal}: bad-credentials, throttled, session-owned, ...). [hemowatch_mqtt_connections_refused_total] */
    public static final String MQTT_CONNECTIONS_REFUSED = "hemowatch.mqtt.connections.refused";
    /** MQTT messages refused, by reason (bad-json, wrong-topic, too-large, ...). [hemowatch_mqtt_messages_rejected_total] */
    public static final String MQTT_MESSAGES_REJECTED = "hemowatch.mqtt.messages.rejected";
    /** Errors the MQTT server reports outside any accepted connection. [hemowatch_mqtt_protocol_errors_total] */
    public static final String MQTT_PROTOCOL_ERRORS = "hemowatch.mqtt.protocol.errors";
    /** MQTT connections and sessions closed because their key was revoked. [hemowatch_mqtt_sessions_revoked_total] */
    public static final String MQTT_SESSIONS_REVOKED = "hemowatch.mqtt.sessions.revoked";
    /** Serial port state per path: 1 for the current state label, 0 otherwise. [hemowatch_serial_port_state] */
    public static final String SERIAL_PORT_STATE = "hemowatch.serial.port.state";
    /** Serial lines dropped, by path and reason (bad-checksum, line-too-long, ...). [hemowatch_serial_lines_rejected_total] */
    public static final String SERIAL_LINES_REJECTED = "hemowatch.serial.lines.rejected";
    /** Last temperature per device (base unit celsius). [hemowatch_device_temperature_celsius] */
    public static final String DEVICE_TEMPERATURE = "hemowatch.device.temperature";
    /** Device monitor state: 1 for the current state label, 0 otherwise. [hemowatch_device_state] */
    public static final String DEVICE_STATE = "hemowatch.device.state";
    /** Seconds since the device's last reading. [hemowatch_device_last_reading_age_seconds] */
    public static final String DEVICE_LAST_READING_AGE = "hemowatch.device.last.reading.age";
    /** Safe range and alarm set points per device, label bound = safe_min|safe_max|alarm_low|alarm_high. [hemowatch_device_limit_celsius] */
    public static final String DEVICE_LIMIT = "hemowatch.device.limit";
    /** Excursions started, by site and device. [hemowatch_excursions_total] */
    public static final String EXCURSIONS = "hemowatch.excursions";
    /** Failed writes of cold-chain state, each retried with backoff until it commits. [hemowatch_coldchain_write_retries_total] */
    public static final String COLDCHAIN_WRITE_RETRIES = "hemowatch.coldchain.write.retries";
    /** Alerts not yet resolved, by site, kind, severity and state. [hemowatch_alerts_active] */
    public static final String ALERTS_ACTIVE = "hemowatch.alerts.active";
    /** Alert deliveries, by channel (mqtt, webhook, sse) and outcome (delivered, retried, failed). [hemowatch_alert_deliveries_total] */
    public static final String ALERT_DELIVERIES = "hemowatch.alert.deliveries";
    /** Time from an alert opening to its acknowledgement, by kind. [hemowatch_alert_time_to_acknowledge_seconds] */
    public static final String ALERT_TIME_TO_ACK = "hemowatch.alert.time.to.acknowledge";
    /**
     * Stock cover (days of supply) by site, component and group, in seconds: Prometheus wants base
     * units, and promtool flags a name with "days" in it. [hemowatch_stock_cover_seconds]
     */
    public static final String STOCK_COVER = "hemowatch.stock.cover";
    /** Par minimum by site, component and group. [hemowatch_stock_par_minimum] */
    public static final String STOCK_PAR_MINIMUM = "hemowatch.stock.par.minimum";
    /** Units issued, by site and component. [hemowatch_units_issued_total] */
    public static final String UNITS_ISSUED = "hemowatch.units.issued";
}
