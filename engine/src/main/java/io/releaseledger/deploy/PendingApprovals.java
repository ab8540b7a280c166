package io.releaseledger.deploy;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalStatus;
import io.releaseledger.policy.EnvironmentPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The releases an environment's deploys wait to have approved, for the Releases page's approval forms: each
 * {@code {environment, version, digest, requestedBy, at, waitingFor}}, and {@code build} and {@code link} when a
 * Jenkins build asked. Reads the environment's events: for the
 * forms of users who may approve, not for every page view.
 */
public final class PendingApprovals {
    private PendingApprovals() {
    }

    /** Empty when the environment needs no approvals. */
    public static List<Map<String, Object>> of(final Ledger ledger, final EnvironmentPolicy policy) {
        return policy.getApprovals() == null ? new ArrayList<>() : of(ledger.events(null), policy);
    }

    /**
     * @param all every event of the ledger, oldest first (those of other environments may be left out: only the
     *     policy's environment and events without one are read)
     */
    public static List<Map<String, Object>> of(final List<LedgerEvent> all, final EnvironmentPolicy policy) {
        List<Map<String, Object>> pending = new ArrayList<>();
        if (policy.getApprovals() == null) {
            return pending;
        }
        List<LedgerEvent> own = new ArrayList<>();
        all.forEach(event -> {
            if (policy.getEnvironment().equals(event.getEnvironment())) {
                own.add(event);
            }
        });
        ApprovalLedger approvals = new ApprovalLedger(own);
        List<LedgerEvent> requests = approvals.pending();
        for (LedgerEvent request : requests) {
            String version = (String) request.getData().get("version");
            String digest = (String) request.getData().get("digest");
            Set<String> excluded = new LinkedHashSet<>(approvals.requesters(version, digest));
            excluded.addAll(ApprovalLedger.authors(all, version));
            ApprovalStatus status = ApprovalStatus.of(policy.getApprovals(), version, digest, approvals.approvals(),
                    excluded);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("environment", policy.getEnvironment());
            entry.put("version", version);
            entry.put("digest", digest);
            entry.put("requestedBy", request.getActor().getName());
            entry.put("at", request.getTime().toString());
            entry.put("waitingFor", status.describe());
            Origin origin = request.getOrigin();
            if (origin != null && origin.getJob() != null) { // the build that waits, e.g. awaitApproval outside node
                entry.put("build", origin.getJob() + (origin.getBuild() == null ? "" : " #" + origin.getBuild()));
                entry.put("link", origin.getUrl());
            }
            pending.add(entry);
        }
        return pending;
    }
}
