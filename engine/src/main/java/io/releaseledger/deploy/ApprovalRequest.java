package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.ApprovalStatus;
import io.releaseledger.policy.EnvironmentPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks for the approvals of one release (version and digest) for one environment and says where they stand: records
 * {@code approval.requested} once per release and requester while approvals are missing, nothing when the release is
 * approved or rejected. What a deploy checks before it changes anything, and what a Pipeline step waiting outside
 * {@code node} asks again until the answer is in.
 *
 * <pre>{@code
 * ApprovalStatus status = new ApprovalRequest(ledger, policy, "1.5.0").setDigest(digest)
 *         .setActor(actor).setOrigin(origin).call();
 * }</pre>
 */
public final class ApprovalRequest {
    private final Ledger ledger;
    private final EnvironmentPolicy policy;
    private final String version;
    private String digest;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private String purpose = "deploy";
    private boolean requested;

    public ApprovalRequest(final Ledger ledger, final EnvironmentPolicy policy, final String version) {
        this.ledger = ledger;
        this.policy = policy;
        this.version = version;
    }

    /** The image digest the approvals must name; {@link #resolveDigest()} finds it in the ledger when left out. */
    public ApprovalRequest setDigest(final String digest) {
        this.digest = digest == null || digest.isBlank() ? null : digest.trim();
        return this;
    }

    /** Who asks: they may not approve the release themselves. */
    public ApprovalRequest setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public ApprovalRequest setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    /** What the approvals are for, recorded in the request: {@code deploy} or {@code promote}. */
    public ApprovalRequest setPurpose(final String purpose) {
        this.purpose = purpose;
        return this;
    }

    /**
     * The digest the approvals name: the one set, else the one a deploy to the environment already waits with, else
     * the image of the version's latest deployment anywhere (what a promotion takes). A controller cannot ask the
     * registry, so a version never deployed and not waiting needs its digest named.
     *
     * @throws DeploymentException when no build of the version is known, or several wait
     */
    public String resolveDigest() {
        if (digest != null) {
            return digest;
        }
        Set<String> waiting = new LinkedHashSet<>();
        for (LedgerEvent request : new ApprovalLedger(ledger.events(policy.getEnvironment())).pending()) {
            if (version.equals(request.getData().get("version"))) {
                waiting.add((String) request.getData().get("digest"));
            }
        }
        if (waiting.size() > 1) {
            throw new DeploymentException("Several builds of " + version + " wait for approval in "
                    + policy.getEnvironment() + " (" + String.join(", ", waiting) + "); name the one to wait for with "
                    + "its digest.");
        }
        if (waiting.size() == 1) {
            digest = waiting.iterator().next();
            return digest;
        }
        String deployed = null;
        for (LedgerEvent event : ledger.events(null)) {
            String release = EventTypes.DEPLOYMENT_STARTED.equals(event.getType()) ? ApprovalLedger.release(event) : null;
            if (release != null && release.startsWith(version + " ")) {
                deployed = release.substring(version.length() + 1);
            }
        }
        if (deployed == null) {
            throw new DeploymentException(version + " of " + ledger.getApplication() + " was never deployed and no "
                    + "deploy to " + policy.getEnvironment() + " waits for it, so the build (image digest) to approve "
                    + "is unknown. Deploy it to another environment first (the usual staging before production), or "
                    + "name its digest.");
        }
        digest = deployed;
        return digest;
    }

    /**
     * @return where the approvals of the release stand; {@code null} when the environment needs none
     * @throws DeploymentException when the digest cannot be resolved ({@link #resolveDigest()})
     */
    public ApprovalStatus call() {
        ApprovalRule rule = policy.getApprovals();
        if (rule == null) {
            return null;
        }
        String exact = resolveDigest();
        String environment = policy.getEnvironment();
        ApprovalLedger approvals = new ApprovalLedger(ledger.events(environment));
        Set<String> excluded = new LinkedHashSet<>(approvals.requesters(version, exact));
        excluded.add(actor.getId());
        excluded.addAll(ApprovalLedger.authors(ledger.events(null), version));
        ApprovalStatus status = ApprovalStatus.of(rule, version, exact, approvals.approvals(), excluded);
        if (status.getRejection() == null && !status.isApproved() && !alreadyRequested(approvals.pending(), exact)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("version", version);
            data.put("digest", exact);
            data.put("required", (long) rule.getRequired());
            data.put("approvers", new ArrayList<>(rule.getApprovers()));
            data.put("purpose", purpose);
            ledger.append(new EventDraft(EventTypes.APPROVAL_REQUESTED, actor, origin).setEnvironment(environment)
                    .setData(data));
            requested = true;
        }
        return status;
    }

    /** Whether {@link #call()} recorded {@code approval.requested}: the first time this requester asked for it. */
    public boolean isRequested() {
        return requested;
    }

    private boolean alreadyRequested(final List<LedgerEvent> pending, final String exact) {
        for (LedgerEvent request : pending) {
            if ((version + " " + exact).equals(ApprovalLedger.release(request))
                    && request.getActor().getId().equals(actor.getId())) {
                return true;
            }
        }
        return false;
    }
}
