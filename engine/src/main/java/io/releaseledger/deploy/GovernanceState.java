package io.releaseledger.deploy;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.FreezeOccurrence;
import io.releaseledger.policy.ReleasePolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Releases page shows of an application's governance, per environment with rules: its approval rule and the
 * releases waiting for approval, the freeze window active now and the next one, and the last emergency override.
 * {@code api/state} carries it as {@code governance} (see {@code docs/releases-api.md}). Reads the journal once, and
 * only when some environment has rules.
 */
public final class GovernanceState {
    private GovernanceState() {
    }

    /** {@code {environmentName: {approvals, freeze: {active, next}, lastOverride}}}; empty without rules. */
    public static Map<String, Object> of(final Ledger ledger, final ReleasePolicy policy, final Instant now) {
        return policy.getEnvironments().isEmpty() ? new LinkedHashMap<>() : of(ledger.events(null), policy, now);
    }

    /**
     * The same from events already read: every event of an environment with rules and every event without an
     * environment (the releases' commit authors), oldest first. A front end that serves it often reads the journal
     * once per head and passes the events here.
     */
    public static Map<String, Object> of(final List<LedgerEvent> events, final ReleasePolicy policy, final Instant now) {
        Map<String, Object> governance = new LinkedHashMap<>();
        if (policy.getEnvironments().isEmpty()) {
            return governance;
        }
        for (EnvironmentPolicy environment : policy.getEnvironments().values()) {
            if (environment.isEmpty()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            if (environment.getApprovals() != null) {
                Map<String, Object> approvals = new LinkedHashMap<>();
                approvals.put("required", (long) environment.getApprovals().getRequired());
                approvals.put("approvers", new ArrayList<>(environment.getApprovals().getApprovers()));
                approvals.put("pending", PendingApprovals.of(events, environment));
                entry.put("approvals", approvals);
            }
            Map<String, Object> freeze = new LinkedHashMap<>();
            freeze.put("active", environment.activeFreeze(now).map(GovernanceState::occurrence).orElse(null));
            freeze.put("next", environment.nextFreeze(now).map(GovernanceState::occurrence).orElse(null));
            entry.put("freeze", freeze);
            entry.put("lastOverride", lastOverride(events, environment.getEnvironment()));
            governance.put(environment.getEnvironment(), entry);
        }
        return governance;
    }

    private static Map<String, Object> occurrence(final FreezeOccurrence occurrence) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", occurrence.getWindow().getName());
        json.put("start", occurrence.getStart().toString());
        json.put("end", occurrence.getEnd().toString());
        json.put("schedule", occurrence.getWindow().describe());
        return json;
    }

    private static Map<String, Object> lastOverride(final List<LedgerEvent> events, final String environment) {
        Map<String, Object> last = null;
        for (LedgerEvent event : events) {
            if (EventTypes.FREEZE_OVERRIDDEN.equals(event.getType()) && environment.equals(event.getEnvironment())) {
                last = new LinkedHashMap<>(event.getData());
                last.put("by", event.getActor().toJson());
                last.put("at", event.getTime().toString());
            }
        }
        return last;
    }
}
