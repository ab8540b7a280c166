package io.jenkins.plugins.releaseledger;

import io.releaseledger.deploy.ApprovalRequest;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.Approval;
import io.releaseledger.policy.ApprovalStatus;
import io.releaseledger.policy.EnvironmentPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One look of {@code awaitApproval} at the ledger: asks for the release's approvals (recording the request once) and
 * says whether the step ends (approved; rejected; or the environment changed: the release, or another one, was
 * deployed there after it was asked for) or waits on, with the line for the build log. Jenkins-free.
 */
final class ApprovalLook {
    static final String NAME = "awaitApproval";
    static final String APPROVE_PERMISSION = "Release Ledger » Approve releases";

    enum State { APPROVED, REJECTED, WAITING }

    private final State state;
    private final String digest;
    private final String line;
    private final boolean requested;
    private final List<String> approvedBy;

    private ApprovalLook(final State state, final String digest, final String line, final boolean requested,
            final List<String> approvedBy) {
        this.state = state;
        this.digest = digest;
        this.line = line;
        this.requested = requested;
        this.approvedBy = List.copyOf(approvedBy);
    }

    /**
     * @param digest the build to wait for; {@code null}: the one the ledger knows ({@link ApprovalRequest#resolveDigest})
     * @param since  when the step started to wait: deployments to the environment after it end the wait
     * @throws io.releaseledger.deploy.DeploymentException when the build of the version is unknown or ambiguous
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static ApprovalLook at(final Ledger ledger, final EnvironmentPolicy policy, final String version,
            final String digest, final Actor actor, final Origin origin, final Instant since) {
        String environment = policy.getEnvironment();
        if (policy.getApprovals() == null) {
            return new ApprovalLook(State.APPROVED, digest, NAME + ": " + environment + " of " + ledger.getApplication()
                    + " needs no approvals; going on.", false, List.of());
        }
        ApprovalRequest request = new ApprovalRequest(ledger, policy, version).setDigest(digest).setActor(actor)
                .setOrigin(origin).setPurpose("deploy");
        String exact = request.resolveDigest();
        String release = version + " (" + exact + ") for " + environment;
        ApprovalLook changed = changed(ledger.events(environment), exact, since, release);
        if (changed != null) { // before asking again: a deployment ended the request
            return changed;
        }
        ApprovalStatus status = request.call();
        List<String> names = new ArrayList<>();
        status.getCounted().forEach(approval -> names.add(approval.getApproverName()));
        Approval rejection = status.getRejection();
        if (rejection != null) {
            return new ApprovalLook(State.REJECTED, exact, NAME + ": " + release + " was " + status.describe() + ". A "
                    + "new build (a new digest) needs new approvals; or " + rejection.getApproverName() + " approves it "
                    + "after all.", false, names);
        }
        if (status.isApproved()) {
            return new ApprovalLook(State.APPROVED, exact, NAME + ": " + release + " " + status.describe() + ".", false,
                    names);
        }
        String from = policy.getApprovals().getApprovers().isEmpty() ? " from anyone with the '" + APPROVE_PERMISSION
                + "' permission on this job" : "";
        return new ApprovalLook(State.WAITING, exact, NAME + ": waiting for approval of " + release + ": "
                + status.describe() + from + " (" + actor.getName() + " and the authors of its commits may not "
                + "approve). Approve or reject it on the job's Releases page. This step holds no executor while it "
                + "waits; an abort or timeout stops the wait.", request.isRequested(), names);
    }

    /**
     * A deployment to the environment started after the step began to wait: of this release (it is there: nothing left
     * to wait for) or of another one (the environment moved on: the wait ends, nothing to approve).
     */
    private static ApprovalLook changed(final List<LedgerEvent> events, final String digest, final Instant since,
            final String release) {
        for (LedgerEvent event : events) {
            Map<String, Object> data = event.getData();
            if (EventTypes.DEPLOYMENT_STARTED.equals(event.getType()) && event.getTime().isAfter(since)) {
                Object deployed = data.get("image") instanceof Map<?, ?> image ? image.get("digest") : null;
                if (digest.equals(deployed)) {
                    return new ApprovalLook(State.APPROVED, digest, NAME + ": " + release + " was deployed there "
                            + "meanwhile (by " + event.getActor().getName() + "); nothing left to wait for.", false,
                            List.of());
                }
                return new ApprovalLook(State.REJECTED, digest, NAME + ": " + release + " was asked for, but "
                        + data.get("version") + " (" + deployed + ") was deployed there since (by "
                        + event.getActor().getName() + "). Nothing to approve any more; run the pipeline again for "
                        + "the release you want there.", false, List.of());
            }
        }
        return null;
    }

    State getState() {
        return state;
    }

    /** The build the approvals name. */
    String getDigest() {
        return digest;
    }

    /** What the build log says. */
    String getLine() {
        return line;
    }

    /** Whether this look recorded the request (people are told then, once). */
    boolean isRequested() {
        return requested;
    }

    /** The step's return value: JDK types only. */
    Map<String, Object> result(final String environment, final String version) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("environment", environment);
        result.put("version", version);
        result.put("digest", digest);
        result.put("approvedBy", new ArrayList<>(approvedBy));
        return result;
    }
}
