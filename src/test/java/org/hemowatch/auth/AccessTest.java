package org.hemowatch.auth;

import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Access.Target;
import org.hemowatch.domain.rule.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTest {

    @ParameterizedTest(name = "{0}@{1} devices {2}: {3} on {4}/{5} -> {6}")
    @CsvFileSource(resources = "/access/decisions.csv", delimiter = '|', lineSeparator = "\n")
    void decidesByRoleSiteScopeAndDeviceScopeOfTheStoredObject(String role, String site, String devices, String permission,
                                                               String targetSite, String targetDevice, String expected) {
        Principal p = new KeyPrincipal("k1", "key", Role.parse(role).orElseThrow(), dash(site), scope(devices));
        Optional<Rejection> v = Access.decide(p, Permission.valueOf(permission), new Target(dash(targetSite), dash(targetDevice)));
        assertThat(v.map(Rejection::rule).orElse("allowed")).isEqualTo(expected);
        v.ifPresent(r -> {
            assertThat(r.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
            assertThat(r.message()).isNotBlank();
        });
    }

    @Test
    void everyPermissionIsHeldByAdminAndTheRoleTableIsWhatRoutesUse() {
        for (Permission perm : Permission.values()) {
            assertThat(Access.rolesWith(perm)).contains(Role.ADMIN);
        }
        assertThat(Access.rolesWith(Permission.UNIT_SCAN)).containsExactlyInAnyOrder(Role.ADMIN, Role.TECHNICIAN, Role.DEVICE);
        assertThat(Access.rolesWith(Permission.KEY_ADMIN)).containsExactly(Role.ADMIN);
    }

    @Test
    void deviceListsParseToIdsOrAGatewayAndRefuseMixturesAndBadIds() {
        assertThat(DeviceScope.parse(List.of("*"))).isEqualTo(DeviceScope.ALL);
        assertThat(DeviceScope.parse(List.of("fridge-a2", "fridge-a1")).asList()).containsExactly("fridge-a1", "fridge-a2");
        assertThat(DeviceScope.fromStored(DeviceScope.parse(List.of("b", "a")).toStored()).ids()).containsExactlyInAnyOrder("a", "b");
        assertThat(DeviceScope.fromStored(null)).isEqualTo(DeviceScope.LEGACY);
        assertThat(DeviceScope.LEGACY.speaksFor("anything")).isTrue();
        for (List<?> bad : List.of(List.of(), List.of("*", "x"), List.of("../../x"), List.of("a b"), List.of("x".repeat(65)), List.of("a\u200Fb"), List.of(3))) {
            assertThatThrownBy(() -> DeviceScope.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }

    private static DeviceScope scope(String s) {
        return switch (s) {
            case "-" -> DeviceScope.NONE;
            case "*" -> DeviceScope.ALL;
            case "legacy" -> DeviceScope.LEGACY;
            default -> DeviceScope.parse(List.of(s.split(",")));
        };
    }
}
