package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.EnvironmentPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Approves or rejects the release a deploy or promote waits for, recording {@code approval.granted} or
 * {@code approval.rejected}. Only a release that waits (version and digest as its {@code approval.requested} names
 * them), only by an approver the policy names, never by who asked for it or wrote its commits. A refusal records
 * nothing.
 *
 * <pre>{@code
 * String done = new ApproveCommand(ledger, policy, "production", "1.5.0", true)
 *         .setDigest("sha256:…").setComment("checked the migration")
 *         .setActor(new Actor("bob", "Bob")).setOrigin(origin)
 *         .call();
 * }</pre>
 */
public final class ApproveCommand {
    private final Ledger ledger;
    private final EnvironmentPolicy policy;
    private final String version;
    private final boolean granted;
    private String digest;
    private String comment;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private List<String> groups = List.of();

    /**
     * @param policy  the environment's policy (its approval rule says who may approve)
     * @param granted {@code true} to approve, {@code false} to reject
     */
    public ApproveCommand(final Ledger ledger, final EnvironmentPolicy policy, final String version,
            final boolean granted) {
        this.ledger = ledger;
        this.policy = policy;
        this.version = version == null ? null : version.trim();
        this.granted = granted;
    }

    /** The image digest the approval names; may be left out when only one digest of the version waits. */
    public ApproveCommand setDigest(final String digest) {
        this.digest = digest == null || digest.isBlank() ? null : digest.trim();
        return this;
    }

    /** Why; required for a rejection. */
    public ApproveCommand setComment(final String comment) {
        this.comment = comment == null ? "" : comment.trim();
        return this;
    }

    public ApproveCommand setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public ApproveCommand setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    /** The approver's groups, matched against the rule's approvers (Jenkins knows them; the CLI does not). */
    public ApproveCommand setGroups(final List<String> groups) {
        this.groups = List.copyOf(groups);
        return this;
    }

    /**
     * @return what was recorded, for people
     * @throws DeploymentException naming the problem and the fix; nothing is recorded then
     */
    public String call() {
        String environment = policy.getEnvironment();
        String verb = granted ? "approve" : "reject";
        ApprovalRule rule = policy.getApprovals();
        if (rule == null) {
            throw new DeploymentException(environment + " needs no approvals (its policy has no approval rule): there "
                    + "is nothing to " + verb + ".");
        }
        if (version == null || version.isEmpty()) {
            throw new DeploymentException("Name the version to " + verb + ".");
        }
        if (!granted && (comment == null || comment.isEmpty())) {
            throw new DeploymentException("Say why you reject " + version + ": a rejection needs a comment.");
        }
        ApprovalLedger approvals = new ApprovalLedger(ledger.events(environment));
        LedgerEvent request = waitingRequest(approvals.pending(), environment, verb);
        String exact = (String) request.getData().get("digest");
        if (!rule.mayApprove(actor.getId(), groups)) {
            throw new DeploymentException(actor.getId() + " may not " + verb + " releases for " + environment
                    + ": the approvers are " + String.join(", ", rule.getApprovers()) + ". Ask one of them.");
        }
        String self = selfApproval(approvals, exact);
        if (self != null) {
            throw new DeploymentException(actor.getId() + " may not " + verb + " " + version + " for " + environment
                    + ": " + self + ". Someone else must judge it.");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("digest", exact);
        data.put("comment", comment == null ? "" : comment);
        ledger.append(new EventDraft(granted ? EventTypes.APPROVAL_GRANTED : EventTypes.APPROVAL_REJECTED, actor, origin)
                .setEnvironment(environment).setData(data));
        return (granted ? "Approved " : "Rejected ") + version + " (" + exact + ") for " + environment + " as "
                + actor.getName() + ".";
    }

    /** The pending request this approval names: exactly, or by version alone when only one digest of it waits. */
    private LedgerEvent waitingRequest(final List<LedgerEvent> pending, final String environment, final String verb) {
        List<LedgerEvent> matches = new ArrayList<>();
        for (LedgerEvent request : pending) {
            Map<String, Object> data = request.getData();
            if (version.equals(data.get("version")) && (digest == null || digest.equals(data.get("digest")))) {
                matches.add(request);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new DeploymentException("Several builds of " + version + " wait for approval in " + environment
                    + " (" + describe(matches) + "); name the one to " + verb + " with its digest.");
        }
        String named = version + (digest == null ? "" : " (" + digest + ")");
        if (pending.isEmpty()) {
            throw new DeploymentException("Nothing waits for approval in " + environment + ", so " + named
                    + " cannot be " + (granted ? "approved" : "rejected") + ". An approval names the release a deploy "
                    + "waits for; start the deploy first.");
        }
        throw new DeploymentException("No deploy of " + named + " to " + environment + " waits for approval; waiting "
                + "there: " + describe(pending) + ". " + Character.toUpperCase(verb.charAt(0)) + verb.substring(1)
                + " that release by its version and digest.");
    }

    private static String describe(final List<LedgerEvent> requests) {
        List<String> releases = new ArrayList<>();
        for (LedgerEvent request : requests) {
            releases.add(request.getData().get("version") + " (" + request.getData().get("digest") + ", asked by "
                    + request.getActor().getName() + ")");
        }
        return String.join(", ", releases);
    }

    /** Why the actor may not judge this release, or {@code null}. */
    private String selfApproval(final ApprovalLedger approvals, final String exact) {
        String id = actor.getId().toLowerCase(Locale.ROOT);
        for (String requester : approvals.requesters(version, exact)) {
            if (requester.toLowerCase(Locale.ROOT).equals(id)) {
                return "they asked for this deploy";
            }
        }
        Set<String> authors = new LinkedHashSet<>(ApprovalLedger.authors(ledger.events(null), version));
        if (authors.contains(id) || authors.contains(actor.getName().toLowerCase(Locale.ROOT))) {
            return "they authored commits of this release";
        }
        return null;
    }
}
