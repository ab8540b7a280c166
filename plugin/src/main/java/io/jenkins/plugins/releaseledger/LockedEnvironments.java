package io.jenkins.plugins.releaseledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The locked environments of a ledger's state (its JSON contract), for the Releases page's unlock forms. Jenkins-free. */
final class LockedEnvironments {
    private LockedEnvironments() {
    }

    /** Each locked environment as {@code {environment, version, since, purpose}}, in the state's order. */
    static List<Map<String, Object>> of(final Map<String, Object> state) {
        List<Map<String, Object>> locked = new ArrayList<>();
        if (state.get("environments") instanceof List<?> environments) {
            for (Object environment : environments) {
                if (environment instanceof Map<?, ?> json && json.get("lock") instanceof Map<?, ?> lock) {
                    locked.add(Map.of("environment", String.valueOf(json.get("name")),
                            "version", String.valueOf(lock.get("version")),
                            "since", String.valueOf(lock.get("since")),
                            "purpose", String.valueOf(lock.get("purpose"))));
                }
            }
        }
        return locked;
    }
}
