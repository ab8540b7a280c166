package io.releaseledger.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many people must approve a release before it goes to an environment, and who may: user ids or group names
 * (empty: whoever the front end lets approve, in Jenkins the Approve permission).
 */
public final class ApprovalRule {
    private final int required;
    private final List<String> approvers;

    /** @throws PolicyException when {@code required} is below 1 */
    public ApprovalRule(final int required, final List<String> approvers) {
        if (required < 1) {
            throw new PolicyException("An approval rule needs at least 1 approval, not " + required
                    + "; remove the rule to deploy without approvals.");
        }
        this.required = required;
        List<String> names = new ArrayList<>();
        for (String approver : approvers == null ? List.<String>of() : approvers) {
            if (approver != null && !approver.isBlank()) {
                names.add(approver.trim());
            }
        }
        this.approvers = List.copyOf(names);
    }

    public int getRequired() {
        return required;
    }

    /** User ids or group names; empty when anyone allowed by the front end may approve. */
    public List<String> getApprovers() {
        return approvers;
    }

    /** Whether the user, by id or one of the groups, is named (always, when nobody is named). Case-insensitive. */
    public boolean mayApprove(final String userId, final List<String> groups) {
        if (approvers.isEmpty()) {
            return true;
        }
        if (contains(userId)) {
            return true;
        }
        for (String group : groups == null ? List.<String>of() : groups) {
            if (contains(group)) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(final String name) {
        if (name == null) {
            return false;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return approvers.stream().anyMatch(approver -> approver.toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** Whom a waiting deploy waits for, for people: {@code 2 approvals from release-managers, alice}. */
    public String describe() {
        String count = required + (required == 1 ? " approval" : " approvals");
        return approvers.isEmpty() ? count + " (anyone allowed to approve)" : count + " from "
                + String.join(", ", approvers);
    }
}
