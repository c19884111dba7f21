package org.hemowatch.api;

import org.hemowatch.store.ApiKeyRecord;
import org.hemowatch.store.SessionRecord;
import org.hemowatch.store.UserRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.json.JsonMappers.writeWireText;

/** The key, user and session JSON of the API: member names and order as they always were, and no secret but a new key's. */
class AccountJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aKeyOfAPersonRoleHasNoDeviceMembers() {
        ApiKeyRecord k = new ApiKeyRecord("k1", "lab", "TECHNICIAN", "main", "hash-1", T0, T0.plusSeconds(60));
        assertThat(writeWireText(AccountJson.key(k))).isEqualTo("{\"id\":\"k1\",\"name\":\"lab\",\"role\":\"TECHNICIAN\",\"site\":\"main\","
                + "\"created\":\"2026-11-23T10:00:00Z\",\"revoked\":\"2026-11-23T10:01:00Z\"}");
        assertThat(writeWireText(new AccountJson.Items<>(List.of(AccountJson.key(k, "hw_secret")))))
                .isEqualTo("{\"items\":[{\"id\":\"k1\",\"name\":\"lab\",\"role\":\"TECHNICIAN\",\"site\":\"main\","
                        + "\"created\":\"2026-11-23T10:00:00Z\",\"revoked\":\"2026-11-23T10:01:00Z\",\"key\":\"hw_secret\"}]}");
    }

    @Test
    void aDeviceKeyShowsItsDevicesAndWhetherItIsAGatewayOrALegacyOne() {
        ApiKeyRecord legacy = new ApiKeyRecord("k2", "old gw", "DEVICE", "main", "hash-2", T0, null);
        assertThat(writeWireText(AccountJson.key(legacy))).isEqualTo("{\"id\":\"k2\",\"name\":\"old gw\",\"role\":\"DEVICE\",\"site\":\"main\","
                + "\"created\":\"2026-11-23T10:00:00Z\",\"revoked\":null,\"devices\":null,\"gateway\":true,\"legacyGateway\":true}");
        ApiKeyRecord gateway = new ApiKeyRecord("k3", "gw", "DEVICE", "main", "hash-3", T0, null, "*");
        assertThat(writeWireText(AccountJson.key(gateway, "hw_new"))).isEqualTo("{\"id\":\"k3\",\"name\":\"gw\",\"role\":\"DEVICE\",\"site\":\"main\","
                + "\"created\":\"2026-11-23T10:00:00Z\",\"revoked\":null,\"devices\":[\"*\"],\"gateway\":true,\"legacyGateway\":false,"
                + "\"key\":\"hw_new\"}");
    }

    @Test
    void aUserAndASessionShowNoPasswordHash() {
        UserRecord u = new UserRecord("alice", "TECHNICIAN", "main", "argon2-hash", T0, T0.plusSeconds(3600));
        assertThat(writeWireText(AccountJson.user(u))).isEqualTo("{\"username\":\"alice\",\"role\":\"TECHNICIAN\",\"site\":\"main\","
                + "\"created\":\"2026-11-23T10:00:00Z\",\"passwordSet\":\"2026-11-23T11:00:00Z\"}");
        assertThat(writeWireText(AccountJson.session(u, new SessionRecord("id-hash", "alice", "csrf-1", T0, T0))))
                .isEqualTo("{\"user\":\"alice\",\"role\":\"TECHNICIAN\",\"site\":\"main\",\"csrfToken\":\"csrf-1\"}");
    }
}
