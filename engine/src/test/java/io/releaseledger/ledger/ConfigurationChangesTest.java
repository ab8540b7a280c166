package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationChangesTest {
    private static final String KEY_A = "hmac-sha256:aaaaaaaaaaaaaaaa:";
    private static final String KEY_B = "hmac-sha256:bbbbbbbbbbbbbbbb:";

    private static Map<String, Object> deployment(final String digest, final Map<String, Object> settings,
            final Map<String, Object> variables) {
        return Map.of("image", Map.of("digest", digest), "settings", settings, "configuration", variables);
    }

    private static List<String> described(final List<Map<String, Object>> changes) {
        return changes.stream().map(c -> c.get("kind") + " " + c.get("name") + " " + c.get("change")
                + (c.containsKey("from") ? " " + c.get("from") + " -> " + c.get("to") : "")).toList();
    }

    @Test
    void shouldFindNothingBetweenEqualDeployments() {
        Map<String, Object> one = deployment("sha256:1", Map.of("network", "host"), Map.of("A", KEY_A + "11"));

        assertThat(ConfigurationChanges.between(one, one)).isEmpty();
    }

    @Test
    void shouldNameEveryKnownDifference() {
        Map<String, Object> before = deployment("sha256:1",
                Map.of("network", "host", "ports", List.of("8080:80/tcp"), "restartPolicy", "no"),
                Map.of("KEPT", KEY_A + "11", "CHANGED", KEY_A + "22", "GONE", KEY_A + "33"));
        Map<String, Object> after = deployment("sha256:2",
                Map.of("network", "host", "ports", List.of("8081:80/tcp"), "instances", 2L),
                Map.of("KEPT", KEY_A + "11", "CHANGED", KEY_A + "99", "NEW", KEY_A + "44"));

        assertThat(described(ConfigurationChanges.between(before, after))).containsExactlyInAnyOrder(
                "image digest changed sha256:1 -> sha256:2",
                "setting ports changed [8080:80/tcp] -> [8081:80/tcp]",
                "setting restartPolicy removed no -> null",
                "setting instances added null -> 2",
                "variable CHANGED changed",
                "variable GONE removed",
                "variable NEW added");
    }

    @Test
    void shouldCallHashesUnderDifferentKeysOrWithoutAKeyUnknownNeverChanged() {
        Map<String, Object> before = deployment("sha256:1", Map.of(),
                Map.of("OTHER_KEY", KEY_A + "11", "PLAIN", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
        Map<String, Object> after = deployment("sha256:1", Map.of(),
                Map.of("OTHER_KEY", KEY_B + "11", "PLAIN", KEY_A + "22"));

        assertThat(described(ConfigurationChanges.between(before, after)))
                .containsExactly("variable OTHER_KEY unknown", "variable PLAIN unknown");
    }

    @Test
    void shouldNeverShowAHashedSettingsValue() {
        Map<String, Object> before = deployment("sha256:1", Map.of("command", KEY_A + "11"), Map.of());
        Map<String, Object> after = deployment("sha256:1", Map.of("command", KEY_A + "22"), Map.of());

        List<Map<String, Object>> changes = ConfigurationChanges.between(before, after);

        assertThat(described(changes)).containsExactly("setting command changed");
        assertThat(changes.get(0)).doesNotContainKeys("from", "to");
    }

    @Test
    void shouldCompareOlderEventsWithoutSettings() {
        Map<String, Object> before = Map.of("image", Map.of("digest", "sha256:1"));
        Map<String, Object> after = deployment("sha256:1", Map.of("network", "host"), Map.of());

        assertThat(described(ConfigurationChanges.between(before, after))).containsExactly("setting network added null -> host");
    }
}
