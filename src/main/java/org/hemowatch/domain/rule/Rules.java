package org.hemowatch.domain.rule;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule catalogue: every stable kebab-case rule name a {@link Rejection} (or a CONNACK, or a counted drop)
 * carries, with its meaning, its HTTP status and the wires it reaches a sender on. The names are the API:
 * firmware and integrations match on them, and metrics use them as the {@code reason} label, so a rule is
 * never renamed, only added. {@code docs/rules.md} is this table, rendered by {@link #markdown()};
 * {@code RulesCatalogueTest} checks that every rule the code raises is listed here, with the status it is
 * raised with, and that the document is current.
 * <p>Wires: {@code H} HTTP, an {@code application/problem+json} body whose {@code rule} member is the name;
 * {@code T} the sender's MQTT errors topic ({@code hemowatch/v1/{site}/devices|scanners/{id}/errors}, payload
 * {@code {"seq", "error": {"rule", "message"}}}), for MQTT messages and for scans read on a serial port;
 * {@code S} a serial line dropped, counted as {@code reason} of {@code hemowatch_serial_lines_rejected_total}
 * (or of the readings rejected) and logged; {@code C} an MQTT CONNACK refusal, counted as {@code reason} of
 * {@code hemowatch_mqtt_connections_refused_total}; {@code M} a counted reason only. An HTTP status of
 * {@code -} means the rule does not reach HTTP; {@code 400/404} that endpoints differ. Not listed: the
 * fallback {@code http-<status>} for an HTTP status without a rule of its own.
 */
public final class Rules {

    // label decoding (ISBT 128)
    public static final String EMPTY_READ = "empty-read";
    public static final String CODABAR_LABEL = "codabar-label";
    public static final String UNKNOWN_IDENTIFIER = "unknown-identifier";
    public static final String UNSUPPORTED_STRUCTURE = "unsupported-structure";
    public static final String BAD_LENGTH = "bad-length";
    public static final String BAD_CHARACTER = "bad-character";
    public static final String DIN_CHECK_VALUE = "din-check-value";
    public static final String RESERVED_FLAG = "reserved-flag";
    /** The 4th character of a blood group ({@code e}, ST-001 §2.4.2) is reserved for future use and must be 0. */
    public static final String RESERVED_CHARACTER = "reserved-character";
    public static final String KEYBOARD_CHECK_CHARACTER = "keyboard-check-character";
    public static final String UNKNOWN_BLOOD_GROUP = "unknown-blood-group";
    public static final String IMPOSSIBLE_DATE = "impossible-date";
    public static final String UNSAFE_CONCATENATION = "unsafe-concatenation";
    public static final String UNKNOWN_COLLECTION_TYPE = "unknown-collection-type";
    public static final String INTENDED_USE_MISMATCH = "intended-use-mismatch";
    // serial framing and controller lines
    public static final String MISSING_TERMINATOR = "missing-terminator";
    public static final String LINE_TOO_LONG = "line-too-long";
    public static final String BAD_FORMAT = "bad-format";
    public static final String MISSING_CHECKSUM = "missing-checksum";
    public static final String BAD_CHECKSUM = "bad-checksum";
    public static final String UNKNOWN_SENTENCE = "unknown-sentence";
    public static final String BAD_FIELD_COUNT = "bad-field-count";
    public static final String BAD_ADDRESS = "bad-address";
    public static final String BAD_SEQUENCE = "bad-sequence";
    public static final String BAD_PROBE = "bad-probe";
    public static final String BAD_TEMPERATURE = "bad-temperature";
    public static final String BAD_DOOR = "bad-door";
    public static final String BAD_AGITATOR = "bad-agitator";
    public static final String BAD_STATUS_CODE = "bad-status-code";
    public static final String UNKNOWN_ADDRESS = "unknown-address";
    // electronic signatures
    /** Not a refusal: a DISCARD by a sender that cannot sign held the unit (QUARANTINED) for a person's signed discard. */
    public static final String DISCARD_PENDING_SIGNATURE = "discard-pending-signature";
    // several instances on one database
    /** Another instance changed the stored record (unit, alert, par level, device) since this one read it; nothing was applied. */
    public static final String CONCURRENT_CHANGE = "concurrent-change";

    /** Where a rule reaches the sender (see the class comment). */
    public enum Wire { H, T, S, C, M }

    /** One catalogued rule; {@code httpStatuses} is empty when the rule does not reach HTTP. */
    public record Rule(String name, List<Integer> httpStatuses, Set<Wire> wires, String meaning) {
    }

    /** name, HTTP status(es), wires, meaning. */
    private static final String TABLE = """
            empty-read                  400      H,T    A read has no characters.
            codabar-label               400      H,T    The read is a Codabar (pre-ISBT 128) label, which the service does not accept.
            unknown-identifier          400      H,T    The read does not start with an ISBT 128 data identifier the decoder knows, or the scanner names another symbology.
            unsupported-structure       400      H,T    The data identifier names an ISBT 128 structure the service does not decode.
            bad-length                  400      H,T    A structure is shorter or longer than ST-001 defines it.
            bad-character               400      H,T,S  A character is not allowed where it stands (label data, or a byte a serial framer drops).
            din-check-value             400      H,T    The donation number's flag characters do not carry its ISO 7064 Mod 37-2 check value.
            reserved-flag               400      H,T    The donation number's flag characters use a value ST-001 reserves.
            reserved-character          400      H,T    The blood group's reserved 4th character is not 0 (ST-001 2.4.2).
            keyboard-check-character    400      H,T    A typed donation number's boxed check character does not match.
            unknown-blood-group         400      H,T    The blood group code is not an ISBT 128 ABO/RhD code or special message for blood components.
            impossible-date             400      H,T    A date or time on the label does not exist (day 366 of a common year, hour 25).
            unsafe-concatenation        400      H,T    The read concatenates structures in a way ST-001 does not allow, or holds one twice.
            unknown-collection-type     400      H,T    The product code's type of collection is not in ST-001 Table 7.
            intended-use-mismatch       400      H,T    The blood group code and the product code state different intended uses.
            no-reads                    400      H,T    The scan carries no barcode data.
            too-many-reads              400      H,T    The scan carries more reads than one label can hold.
            read-too-long               400      H,T    A read is longer than any ISBT 128 label read.
            din-missing                 400      H,T    The reads carry no donation identification number.
            several-dins                400      H,T    The reads carry more than one donation number: one unit per scan.
            several-blood-groups        400      H,T    The reads carry more than one blood group.
            several-product-codes       400      H,T    The reads carry more than one product code.
            several-expiry-dates        400      H,T    The reads carry more than one expiry date.
            several-collection-dates    400      H,T    The reads carry more than one collection date.
            site-required               400      H,T    The scan does not name its site.
            unknown-site                400/404  H,T    The site is not configured (400 on the admin routes, 404 for a scan).
            action-required             400      H,T    The scan does not name its action.
            unknown-action              400      H,T    The scan's action is not one of the unit actions.
            product-code-missing        400      H,T    The scan carries no product code and the donation's unit cannot be told from it.
            unknown-product-code        400      H,T    The product code is not in the product table.
            blood-group-special-message 409      H,T    The blood group label holds a special message that keeps the unit out of stock.
            reads-not-array             400      H,T    'reads' is not an array of strings.
            unit-unknown                404      H,T    The unit has not been received.
            unknown-unit                404      H,T    The unit a command names is not known to the write path.
            unit-final                  409      H,T    The unit is issued, transfused or discarded; nothing more may happen to it.
            unit-already-received       409      H,T    The unit has been received already.
            unit-expired                409      H,T    The unit has expired and may not be stored as available, issued or released.
            unit-quarantined            409      H,T    The unit is quarantined and may not be issued.
            not-yet-expired             409      H,T    The unit is marked expired before its expiry.
            not-for-transfusion         409      H,T    The unit's label says it is not for transfusion; it may not be issued.
            illegal-transition          409      H,T    The unit's status does not allow the action.
            label-incomplete            400      H,T    Receiving needs the label's blood group, product and expiry.
            label-mismatch              409      H,T    The label read now disagrees with what the unit was received with.
            special-message             409      H,T    The label's special message forbids the action.
            implausible-expiry          400      H,T    The expiry is further from collection than the component's maximum shelf life allows.
            location-required           400      H,T    STORE, MOVE and RETURN need a storage location.
            destination-required        400      H,T    ISSUE needs a destination.
            recipient-required          400      H,T    A directed or autologous unit is issued only to its named recipient.
            reason-required             400      H,T    DISCARD, QUARANTINE and RELEASE need a reason or comment.
            wrong-storage-device        409      H,T    The component must not be stored in that device.
            out-of-controlled-storage   409      H,T    The unit has been out of controlled storage longer than its limit.
            concurrent-change           409      H,T    The unit changed while the command was decided; retry.
            timestamp-in-future         400      H,T,S  A reading or scan is timed too far in the future of the service clock.
            bad-temperature             400      H,T,S  The temperature is not a finite number.
            temperature-out-of-bounds   400      H,T,S  The temperature lies outside what a probe can measure.
            bad-probe                   400      H,T,S  The probe is not 'air' or 'product'.
            unknown-device              404      H,T,S  The device is not registered at the site.
            role-forbidden              403      H,T,S  The key's role may not do this.
            scope-forbidden             403      H,T,S  Only an admin without site scope may do this.
            site-forbidden              403      H,T,S  The key or user is limited to another site.
            device-forbidden            403      H,T,S  A device key speaks only for its own devices and site.
            store-failure               -        M      The store could not commit; nothing was stored (the counted reason; MQTT is not acknowledged and redelivers).
            wrong-topic                 -        T      The topic is not part of the protocol.
            too-large                   -        T      The payload is larger than mqtt.maxPayloadBytes.
            empty-payload               -        T      The payload is empty.
            bad-json                    -        T      The payload is not valid JSON.
            not-an-object               -        T      The payload (or a batch element) is not a JSON object.
            missing-seq                 -        T      'seq' is missing.
            bad-seq                     -        T      'seq' is not an integer from 0 to 2^63-1.
            bad-ts                      -        T      'ts' is not an ISO-8601 UTC time between 1970 and 9999.
            empty-batch                 -        T      A readings batch is empty.
            batch-too-large             -        T      A readings batch holds too many readings.
            missing-tempC               -        T      'tempC' is missing.
            bad-door                    -        T,S    The door state is not open/closed (MQTT) or O, C or - (serial).
            bad-agitator                -        T,S    The agitator state is not on/off (MQTT) or 1, 0 or - (serial).
            missing-status              -        T      'status' is missing.
            bad-status                  -        T      'status' is not online, offline or an upper-case alarm code.
            topic-mismatch              -        T      'site' or 'scanner' in the payload differ from the topic.
            bad-site                    -        T      'site' is not a string.
            bad-scanner                 -        T      'scanner' is not a string.
            bad-data                    -        T      'data' is not a string.
            bad-action                  -        T      'action' is not a string.
            bad-location                -        T      'location' is not a string.
            bad-destination             -        T      'destination' is not a string.
            bad-operator                -        T      'operator' is not a string.
            bad-reason                  -        T      'reason' is not a string.
            bad-recipient               -        T      'recipient' is not a string.
            missing-terminator          -        S      A serial line or read ended without its terminator.
            line-too-long               -        S      A serial line or read is longer than the framer accepts.
            bad-format                  -        S      A controller line does not start with '$'.
            missing-checksum            -        S      A controller line does not end with '*' and two hex digits.
            bad-checksum                -        S      A controller line's checksum does not match.
            unknown-sentence            -        S      A controller line's sentence is not $HWT or $HWS.
            bad-field-count             -        S      A controller line has the wrong number of fields.
            bad-address                 -        S      A controller address is not a decimal 0..255.
            bad-sequence                -        S      A controller sequence number is not a decimal in range.
            bad-status-code             -        S      A controller status code is not 1-24 of A-Z, 0-9, _ starting with a letter.
            unknown-address             -        S      The controller address is not in the port's devices map.
            limit                       -        C      The endpoint holds mqtt.maxConnections connections already.
            anonymous                   -        C      No password, and anonymous clients are not allowed.
            bad-credentials             -        C,M    The password is not an active API key (MQTT), or a login's password is wrong (counted reason).
            not-authorized              -        C      The key's role has no business on MQTT.
            wrong-username              -        C      A device key connects under a user name that is none of its ids.
            session-owned               -        C      The client id's session belongs to another key.
            throttled                   -        C      Too many failed CONNECTs from this address or for this key lately.
            throttled-user              -        M      A login was refused because the user had too many failures (counted reason).
            throttled-address           -        M      A login was refused because the address had too many failures (counted reason).
            alert-unknown               404      H      There is no such alert (or not at the caller's site).
            actor-required              400      H      Acknowledging or resolving an alert needs the person's name.
            comment-required            400      H      Acknowledging or resolving an alert needs a comment.
            alert-resolved              409      H      The alert is already resolved.
            alert-already-acknowledged  409      H      The alert is already acknowledged.
            store-unavailable           503      H      The change could not be stored and was not made; try again.
            unauthorized                401      H      No credentials were sent.
            api-key-missing             401      H      No API key was sent.
            api-key-invalid             401      H      The API key is unknown or revoked.
            session-expired             401      H      The login session has ended.
            login-failed                401      H      The username or the password is wrong.
            auth-throttled              429      H      Too many failed authentications from this client.
            login-throttled             429      H      Too many wrong passwords; wait before trying again.
            csrf-token-invalid          403      H      A change made with the session cookie lacks the session's CSRF token.
            forbidden                   403      H      The caller may not do that.
            not-a-person                403      H      Only a logged-in person has a password to change.
            password-wrong              403      H      The current password is wrong.
            signature-invalid           403      H      The electronic signature's password is wrong; the decision was not made.
            signature-required          400      H      The decision needs an electronic signature.
            signature-meaning-mismatch  400      H      The signature does not confirm the meaning the decision needs.
            discard-needs-signature     400      H      No longer raised (a person's scan may now discard with a signature); kept because rule names are never reused.
            discard-pending-signature   202      H,T    Not a refusal: a scan's DISCARD from a key, MQTT or serial scanner (which cannot sign) held the unit QUARANTINED until a person signs its discard.
            signature-requires-user     403      H      An API key cannot sign: the decision is made by a logged-in person.
            password-too-short          400      H      A new password is too short.
            password-too-long           400      H      A new password is too long.
            password-common             400      H      A new password is on the list of common passwords.
            password-contains-username  400      H      A new password contains the username.
            username-invalid            400      H      A username is not 2 to 64 letters, digits, '.', '_' or '-'.
            username-taken              409      H      A user of that name exists.
            user-unknown                404      H      There is no user of that name.
            user-self-delete            409      H      An admin cannot delete their own account.
            role-not-personal           400      H      A person's role is admin, technician, hospital or station.
            unknown-role                400      H      The role is not one of the roles.
            key-unknown                 404      H      There is no active API key of that id.
            devices-required            400      H      A device key needs the device or scanner ids it speaks for.
            devices-not-allowed         400      H      Only device keys name devices.
            device-unknown              404      H      There is no such device at the site.
            excursion-unknown           404      H      The device has no excursion of that id.
            invalid-device              400      H      The device profile is invalid.
            id-mismatch                 400      H      The body names another device than the path.
            bad-period                  400      H      The period's 'from' and 'to' are not a valid range.
            bad-product                 400      H      The product is not a product code, optionally with its division.
            product-ambiguous           409      H      The donation has several units of that product code: name the division.
            items-required              400      H      The par levels body needs a non-empty 'items' array.
            par-level-invalid           400      H      A par level is invalid.
            par-level-repeated          400      H      A par level is given twice.
            parameter-required          400      H      A required query parameter is missing.
            bad-parameter               400      H      A query parameter has an invalid value.
            bad-id                      400      H      A field or parameter is not an id.
            bad-text                    400      H      A field is not acceptable free text.
            body-required               400      H      The request needs a JSON object body.
            field-required              400      H      A required field is missing.
            field-type                  400      H      A field has the wrong JSON type.
            malformed-json              400      H      The request body is not valid JSON.
            bad-request                 400      H      The request is malformed.
            not-found                   404      H      There is no such resource.
            method-not-allowed          405      H      The resource does not support that method.
            payload-too-large           413      H      The request body is larger than the configured limit.
            uri-too-long                414      H      The request line is longer than the server accepts.
            unsupported-media-type      415      H      The body is not application/json.
            headers-too-large           431      H      The request headers are larger than the server accepts.
            internal-error              500      H      The request failed unexpectedly (see the service log).
            """;

    private static final Map<String, Rule> ALL = parse(TABLE);

    private Rules() {
    }

    /** Every rule, in catalogue order. */
    public static Map<String, Rule> all() {
        return ALL;
    }

    public static Optional<Rule> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** The catalogue as the Markdown of {@code docs/rules.md}. */
    public static String markdown() {
        StringBuilder b = new StringBuilder("""
                # Rules

                Every rule name the service refuses something with. Generated from `domain/rule/Rules.java`
                (`RulesCatalogueTest` fails when this file is out of date; run it with `-Drules.write=true` to rewrite it).
                Wires: H = HTTP problem+json `rule`; T = the sender's MQTT errors topic (`error.rule`), also for serial scans;
                S = a dropped serial line, counted and logged; C = MQTT CONNACK refusal reason; M = counted reason only.

                | rule | HTTP | wires | meaning |
                |---|---|---|---|
                """);
        ALL.values().forEach(r -> b.append("| `").append(r.name()).append("` | ")
                .append(r.httpStatuses().isEmpty() ? "-" : r.httpStatuses().stream().map(String::valueOf).collect(Collectors.joining("/")))
                .append(" | ").append(r.wires().stream().map(Enum::name).collect(Collectors.joining(",")))
                .append(" | ").append(r.meaning()).append(" |\n"));
        return b.toString();
    }

    private static Map<String, Rule> parse(String table) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        table.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] f = line.split("\\s+", 4);
            List<Integer> statuses = f[1].equals("-") ? List.of() : Arrays.stream(f[1].split("/")).map(Integer::valueOf).toList();
            Set<Wire> wires = EnumSet.noneOf(Wire.class);
            Arrays.stream(f[2].split(",")).map(Wire::valueOf).forEach(wires::add);
            if (rules.put(f[0], new Rule(f[0], statuses, Collections.unmodifiableSet(wires), f[3])) != null) {
                throw new IllegalStateException("rule listed twice: " + f[0]);
            }
        });
        return Collections.unmodifiableMap(rules);
    }
}
