package io.releaseledger.smoke;

import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.HealthCheckSpec;
import io.releaseledger.descriptor.SmokeChecksSpec;
import io.releaseledger.health.CheckFactory;
import io.releaseledger.health.CheckTarget;

import java.util.ArrayList;
import java.util.List;

/** Builds smoke runs from the descriptor: an environment's {@code smokeChecks} against its instances or one server. */
public final class SmokeChecks {
    private SmokeChecks() {
    }

    /**
     * The run of an environment's {@code smokeChecks} (deadline, failFast and each check's timeout, retries and
     * backoff as declared). Build the factory with the environment's forbidden strings, container hosts and
     * secrets first; its secret mask is used.
     */
    public static SmokeCheckRun from(final SmokeChecksSpec spec, final CheckFactory factory,
            final List<CheckTarget> targets) {
        factory.setForbiddenStrings(spec.getForbiddenStrings());
        List<SmokeCheck> checks = new ArrayList<>();
        for (HealthCheckSpec check : spec.getChecks()) {
            checks.add(new SmokeCheck(factory.create(check), check.getOptions().getTimeout())
                    .setRetries(check.getOptions().getRetries()).setBackoff(check.getOptions().getBackoff()));
        }
        SmokeCheckRun run = new SmokeCheckRun(checks, targets).setDeadline(spec.getDeadline())
                .setFailFast(spec.isFailFast()).setSecretMask(factory.getSecretMask());
        spec.getParallelism().ifPresent(run::setParallelism);
        return run;
    }

    /** Every instance of the environment: each host's address with each instance's port (0 when none is known). */
    public static List<CheckTarget> targets(final EnvironmentSpec environment) {
        List<CheckTarget> targets = new ArrayList<>();
        for (DockerHostSpec host : environment.getHosts()) {
            for (int instance = 1; instance <= environment.getInstances().getCount(); instance++) {
                targets.add(new CheckTarget(host.getAddress(), environment.instancePort(instance), null, null));
            }
        }
        return targets;
    }

    /** One server during server cycling: the checks run against it alone. */
    public static List<CheckTarget> server(final String address, final int port) {
        return List.of(new CheckTarget(address, port, null, null));
    }
}
