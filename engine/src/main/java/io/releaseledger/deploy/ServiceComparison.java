package io.releaseledger.deploy;

import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.SwarmSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The swarm part of a {@link DriftComparison}, in the words of host drift: the service exists, its spec runs the
 * ledger's digest with the ledger's version and a recorded deployment in its labels and asks for the descriptor's
 * replicas; its last update is neither paused nor rolled back to another release; and each slot has one running
 * task of the ledger's digest (subject {@code manager/service.slot}, as the deploy names the instances), no more.
 */
final class ServiceComparison {
    private static final String ROLLBACK_COMPLETED = "rollback_completed";
    private static final String ROLLBACK_PAUSED = "rollback_paused";

    private final EnvironmentSpec environment;
    private final DriftExpectation expected;
    private final List<DriftFinding> findings;
    private final List<String> unknown;
    private final List<String> seen;

    ServiceComparison(final EnvironmentSpec environment, final DriftExpectation expected,
            final List<DriftFinding> findings, final List<String> unknown, final List<String> seen) {
        this.environment = environment;
        this.expected = expected;
        this.findings = findings;
        this.unknown = unknown;
        this.seen = seen;
    }

    void compare(final DriftObservation observed) {
        SwarmSpec swarm = environment.getSwarm();
        String manager = environment.getHosts().get(0).getName();
        String subject = manager + "/" + swarm.getService();
        String error = observed.getHostErrors().get(manager);
        if (error != null) {
            unknown.add("Swarm service " + subject + ": " + error);
            return;
        }
        ObservedService service = observed.getService();
        if (service == null) {
            unknown.add("Swarm service " + subject + ": not read");
            return;
        }
        int before = findings.size();
        if (expected.getVersion() == null) {
            if (service.isFound()) {
                findings.add(new DriftFinding(DriftFinding.UNRECORDED, subject, "no service (nothing deployed)",
                        "a Swarm service running " + image(service.getImage())));
            }
        } else if (!service.isFound()) {
            findings.add(new DriftFinding(DriftFinding.MISSING, subject, "running " + expected.getVersion(),
                    "no Swarm service"));
        } else {
            spec(subject, service, swarm.getReplicas());
            tasks(subject, service, swarm.getReplicas());
        }
        if (findings.size() == before) {
            int count = expected.getVersion() == null ? 0 : swarm.getReplicas();
            seen.add("Swarm service " + subject + ": " + (count == 0 ? "none" : count + " task" + (count == 1 ? "" : "s")
                    + " running " + expected.getVersion()) + (ROLLBACK_COMPLETED.equals(service.getUpdateState())
                    ? " (Swarm rolled its last update back to it)" : ""));
        }
    }

    private void spec(final String subject, final ObservedService service, final int replicas) {
        String digest = expected.getDigest();
        boolean onLedger = digest == null || digest.equals(service.getDigest());
        if (!onLedger) {
            findings.add(new DriftFinding(DriftFinding.IMAGE, subject, DriftComparison.shortDigest(digest),
                    "the spec runs " + image(service.getImage())));
        }
        if (!expected.getVersion().equals(service.getVersion())) {
            findings.add(new DriftFinding(DriftFinding.VERSION, subject, expected.getVersion(),
                    service.getVersion() == null ? "no version label" : "labelled " + service.getVersion()));
        }
        if (service.getDeployment() == null || !expected.getDeployments().contains(service.getDeployment())) {
            findings.add(new DriftFinding(DriftFinding.UNRECORDED, subject, "made by a recorded deploy",
                    service.getDeployment() == null ? "no deployment label"
                            : "deployment " + service.getDeployment() + " is not in the ledger"));
        }
        if (service.getReplicas() != replicas) {
            findings.add(new DriftFinding(DriftFinding.REPLICAS, subject, replicas(replicas),
                    "the spec asks for " + replicas(service.getReplicas())));
        }
        String state = service.getUpdateState();
        // A rollback back onto the ledger's release is the ledger's own failed deploy (or its restore): not drift.
        // Swarm may pause such a rollback and still run the release on every slot (the restore waits for that); a
        // slot left behind is found by the task comparison below.
        boolean rollbackOntoLedger = onLedger && (ROLLBACK_COMPLETED.equals(state) || ROLLBACK_PAUSED.equals(state));
        if (state != null && (state.startsWith("rollback") && !rollbackOntoLedger || "paused".equals(state))) {
            String message = service.getUpdateMessage() == null || service.getUpdateMessage().isEmpty() ? ""
                    : ": " + service.getUpdateMessage();
            findings.add(new DriftFinding(DriftFinding.UPDATE, subject, "update completed",
                    "update " + state.replace('_', ' ') + message));
        }
    }

    private void tasks(final String subject, final ObservedService service, final int replicas) {
        Map<String, ObservedContainer> byName = new LinkedHashMap<>();
        service.getTasks().forEach(task -> byName.put(task.getName(), task));
        for (int slot = 1; slot <= replicas; slot++) {
            String name = service.getName() + "." + slot;
            ObservedContainer task = byName.remove(name);
            String where = service.getHost() + "/" + name;
            if (task == null) {
                findings.add(new DriftFinding(DriftFinding.MISSING, where, "running " + expected.getVersion(),
                        "no task"));
                continue;
            }
            if (!task.isRunning()) {
                findings.add(new DriftFinding(DriftFinding.STOPPED, where, "running",
                        task.getStatus() == null ? "not running" : task.getStatus()));
            }
            if (expected.getDigest() != null && !task.runs(expected.getDigest())) {
                findings.add(new DriftFinding(DriftFinding.IMAGE, where,
                        DriftComparison.shortDigest(expected.getDigest()), "runs " + image(task.getImage())));
            }
        }
        for (ObservedContainer extra : byName.values()) {
            findings.add(new DriftFinding(DriftFinding.UNRECORDED, service.getHost() + "/" + extra.getName(),
                    replicas(replicas) + " named " + service.getName() + ".1…", "a task of " + subject
                            + (extra.isRunning() ? ", running " : ", ") + image(extra.getImage())));
        }
    }

    /** The short digest of a pinned image, the image as it is otherwise (a tag Swarm could not pin). */
    private static String image(final String image) {
        if (image == null) {
            return "an unknown image";
        }
        String digest = ObservedService.digestOf(image);
        return digest == null ? image : DriftComparison.shortDigest(digest);
    }

    private static String replicas(final int count) {
        return count + " replica" + (count == 1 ? "" : "s");
    }
}
