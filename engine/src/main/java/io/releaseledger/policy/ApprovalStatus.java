package io.releaseledger.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the approvals of one release for one environment stand: who counts, who does not (self-approval), how many
 * are missing, and the rejection if there is one. Only the approvals that name the exact release (version and
 * digest) count; a person's last word counts once.
 */
public final class ApprovalStatus {
    private final ApprovalRule rule;
    private final List<Approval> counted;
    private final List<Approval> selfApprovals;
    private final Approval rejection;

    private ApprovalStatus(final ApprovalRule rule, final List<Approval> counted, final List<Approval> selfApprovals,
            final Approval rejection) {
        this.rule = rule;
        this.counted = List.copyOf(counted);
        this.selfApprovals = List.copyOf(selfApprovals);
        this.rejection = rejection;
    }

    /**
     * @param approvals every approval and rejection recorded for the environment, oldest first
     * @param excluded  the ids of people who may not approve this release: who asked for the deploy and who authored
     *                  its commits (case-insensitive; an approver's id or display name)
     */
    public static ApprovalStatus of(final ApprovalRule rule, final String version, final String digest,
            final List<Approval> approvals, final Set<String> excluded) {
        Map<String, Approval> lastWord = new LinkedHashMap<>();
        for (Approval approval : approvals) {
            if (approval.isFor(version, digest)) {
                String key = approval.getApproverId().toLowerCase(Locale.ROOT);
                lastWord.remove(key);
                lastWord.put(key, approval);
            }
        }
        Set<String> notAllowed = lowerCase(excluded);
        List<Approval> counted = new ArrayList<>();
        List<Approval> selfApprovals = new ArrayList<>();
        Approval rejection = null;
        for (Map.Entry<String, Approval> entry : lastWord.entrySet()) {
            Approval approval = entry.getValue();
            if (notAllowed.contains(entry.getKey())
                    || notAllowed.contains(approval.getApproverName().toLowerCase(Locale.ROOT))) {
                selfApprovals.add(approval);
            } else if (!approval.isGranted()) {
                rejection = approval;
            } else {
                counted.add(approval);
            }
        }
        return new ApprovalStatus(rule, counted, selfApprovals, rejection);
    }

    private static Set<String> lowerCase(final Set<String> names) {
        Set<String> lower = new HashSet<>();
        for (String name : names) {
            if (name != null) {
                lower.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return lower;
    }

    public ApprovalRule getRule() {
        return rule;
    }

    /** The approvals that count, oldest first. */
    public List<Approval> getCounted() {
        return counted;
    }

    /** Approvals by people who may not approve this release; they never count. */
    public List<Approval> getSelfApprovals() {
        return selfApprovals;
    }

    /** The latest rejection by someone who may judge the release; {@code null} when none. */
    public Approval getRejection() {
        return rejection;
    }

    public int getMissing() {
        return Math.max(0, rule.getRequired() - counted.size());
    }

    /** Enough approvals and no rejection. */
    public boolean isApproved() {
        return rejection == null && getMissing() == 0;
    }

    /** For people: {@code 1 of 2 approvals (alice); waiting for 1 more from release-managers}. */
    public String describe() {
        List<String> names = new ArrayList<>();
        counted.forEach(approval -> names.add(approval.getApproverName()));
        String have = counted.size() + " of " + rule.getRequired() + (names.isEmpty() ? "" : " (" + String.join(", ",
                names) + ")");
        if (rejection != null) {
            return "rejected by " + rejection.getApproverName() + ": " + rejection.getComment();
        }
        if (getMissing() == 0) {
            return "approved: " + have;
        }
        String from = rule.getApprovers().isEmpty() ? "" : " from " + String.join(", ", rule.getApprovers());
        return have + " approvals; waiting for " + getMissing() + " more" + from;
    }
}
