package io.releaseledger.deploy;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.report.Messages;

import java.util.Map;

/**
 * What a deploy, promotion, rollback or {@link ReconcileCommand} does under its lock before anything else: a
 * taken-over holder's plan, or a deploy whose outcome was never recorded (its lock released by an administrator, its
 * events lost to an abort), is reconciled, so that the environment is on one recorded release again.
 */
final class Reconciliation {
    private Reconciliation() {
    }

    /** @return whether a plan was reconciled */
    static boolean first(final Ledger ledger, final String environment, final String staleLockId,
            final DeploymentExecutor executor, final DeploymentRecorder recorder, final Messages messages) {
        DeployHistory history = DeployHistory.read(ledger, environment);
        if (staleLockId != null) {
            Map<String, Object> started = history.startedUnder(staleLockId);
            if (started == null || !(started.get("plan") instanceof Map)) {
                messages.info("Environment %s: the previous holder had not started to deploy; nothing to reconcile",
                        environment);
                return false;
            }
            reconcile(environment, started, executor, recorder, messages, "interrupted");
            return true;
        }
        Map<String, Object> unfinished = history.unfinished();
        if (unfinished != null && unfinished.get("plan") instanceof Map) {
            reconcile(environment, unfinished, executor, recorder, messages,
                    "unfinished (its outcome was never recorded)");
            return true;
        }
        return false;
    }

    private static void reconcile(final String environment, final Map<String, Object> started,
            final DeploymentExecutor executor, final DeploymentRecorder recorder, final Messages messages,
            final String how) {
        @SuppressWarnings("unchecked")
        DeploymentPlan plan = DeploymentPlan.fromJson((Map<String, Object>) started.get("plan"));
        messages.warning("Environment %s: reconciling the %s deploy of %s (%s)", environment, how,
                plan.getVersion(), plan.getDeploymentId());
        executor.reconcile(plan, recorder);
    }
}
