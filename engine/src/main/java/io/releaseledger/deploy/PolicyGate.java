package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalStatus;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.FreezeOccurrence;
import io.releaseledger.report.Messages;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the environment's policy says about a deploy or promote before anything changes: refused inside a freeze
 * window unless overridden with a reason; held until the exact release (version and digest) has its approvals, by
 * people other than who asked for it and who wrote its commits. Rollbacks never come here.
 */
final class PolicyGate {
    private final Ledger ledger;
    private final EnvironmentPolicy policy;
    private final Actor actor;
    private final Origin origin;
    private final Messages messages;
    private final Clock clock;

    PolicyGate(final Ledger ledger, final EnvironmentPolicy policy, final Actor actor, final Origin origin,
            final Messages messages, final Clock clock) {
        this.ledger = ledger;
        this.policy = policy;
        this.actor = actor;
        this.origin = origin;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * @param overrideReason an emergency override's reason, or {@code null}
     * @return the window being overridden (to record once the deploy goes ahead), or {@code null} outside windows
     * @throws DeploymentException inside a window without an override: names the window and its end
     */
    FreezeOccurrence checkFreeze(final String what, final String version, final String overrideReason) {
        Optional<FreezeOccurrence> active = policy.activeFreeze(clock.instant());
        if (active.isEmpty()) {
            return null;
        }
        FreezeOccurrence freeze = active.get();
        String window = "the freeze window '" + freeze.getWindow().getName() + "' (" + freeze.getWindow().describe()
                + ") holds until " + freeze.getEnd();
        if (overrideReason == null || overrideReason.isBlank()) {
            throw new DeploymentException("Refusing to " + what + " " + version + " to " + policy.getEnvironment()
                    + ": " + window + ". Wait until then, or override the freeze with a reason in an emergency "
                    + "(see docs/governance.md); rollbacks are always allowed.");
        }
        messages.warning("Overriding %s to %s %s to %s: %s", window, what, version, policy.getEnvironment(),
                overrideReason.trim());
        return freeze;
    }

    /** Records {@code freeze.overridden} for a deploy that goes ahead inside a window. */
    static Map<String, Object> overridden(final FreezeOccurrence freeze, final String version, final String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("window", freeze.getWindow().getName());
        data.put("until", freeze.getEnd().toString());
        data.put("reason", reason.trim());
        return data;
    }

    /**
     * Goes on only when the release has its approvals. Otherwise records {@code approval.requested} (once per
     * release and requester) and throws.
     *
     * @throws ApprovalPendingException while approvals are missing
     * @throws DeploymentException      when someone who may judge the release rejected it
     */
    void checkApprovals(final String what, final String version, final String digest) {
        ApprovalRequest request = new ApprovalRequest(ledger, policy, version).setDigest(digest).setActor(actor)
                .setOrigin(origin).setPurpose(what);
        ApprovalStatus status = request.call();
        if (status == null) {
            return;
        }
        String environment = policy.getEnvironment();
        String release = version + " (" + digest + ")";
        if (status.getRejection() != null) {
            throw new DeploymentException("Refusing to " + what + " " + release + " to " + environment + ": "
                    + status.describe() + ". A new build (a new digest) needs new approvals; or the person who "
                    + "rejected it approves it after all.");
        }
        if (status.isApproved()) {
            messages.info("%s %s to %s: %s", what, release, environment, status.describe());
            return;
        }
        throw new ApprovalPendingException("Waiting to " + what + " " + release + " to " + environment + ": "
                + status.describe() + " (" + actor.getName() + " and the authors of its commits may not approve). "
                + "Approve on the Releases page or with: release-ledger approve --environment " + environment
                + " --version " + version + " --digest " + digest, environment, version, digest,
                status.describe()).setRequested(request.isRequested());
    }
}
