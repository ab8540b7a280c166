package io.releaseledger.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What an environment demands before a deploy or promote to it: approvals (optional) and freeze windows. */
public final class EnvironmentPolicy {
    private final String environment;
    private ApprovalRule approvals;
    private List<FreezeWindow> freezeWindows = List.of();

    public EnvironmentPolicy(final String environment) {
        this.environment = environment;
    }

    /** No approvals, no windows. */
    public static EnvironmentPolicy none(final String environment) {
        return new EnvironmentPolicy(environment);
    }

    public EnvironmentPolicy setApprovals(final ApprovalRule approvals) {
        this.approvals = approvals;
        return this;
    }

    /** @throws PolicyException when two windows share a name (the messages would not tell them apart) */
    public EnvironmentPolicy setFreezeWindows(final List<FreezeWindow> freezeWindows) {
        List<String> names = new ArrayList<>();
        for (FreezeWindow window : freezeWindows) {
            if (names.contains(window.getName())) {
                throw new PolicyException("Environment '" + environment + "' has two freeze windows named '"
                        + window.getName() + "'; give each its own name.");
            }
            names.add(window.getName());
        }
        this.freezeWindows = List.copyOf(freezeWindows);
        return this;
    }

    public String getEnvironment() {
        return environment;
    }

    /** {@code null} when deploys need no approval. */
    public ApprovalRule getApprovals() {
        return approvals;
    }

    public List<FreezeWindow> getFreezeWindows() {
        return freezeWindows;
    }

    /** The active occurrence that ends last (the one the user must wait for); empty outside every window. */
    public Optional<FreezeOccurrence> activeFreeze(final Instant now) {
        FreezeOccurrence latest = null;
        for (FreezeWindow window : freezeWindows) {
            Optional<FreezeOccurrence> active = window.occurrenceAt(now);
            if (active.isPresent() && (latest == null || active.get().getEnd().isAfter(latest.getEnd()))) {
                latest = active.get();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The occurrence that starts next after {@code now}; empty when none will. */
    public Optional<FreezeOccurrence> nextFreeze(final Instant now) {
        FreezeOccurrence first = null;
        for (FreezeWindow window : freezeWindows) {
            Optional<FreezeOccurrence> next = window.nextOccurrence(now);
            if (next.isPresent() && (first == null || next.get().getStart().isBefore(first.getStart()))) {
                first = next.get();
            }
        }
        return Optional.ofNullable(first);
    }

    public boolean isEmpty() {
        return approvals == null && freezeWindows.isEmpty();
    }
}
