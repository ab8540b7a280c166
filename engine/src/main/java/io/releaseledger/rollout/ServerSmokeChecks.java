package io.releaseledger.rollout;

import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.HealthCheckSpec;
import io.releaseledger.descriptor.SmokeChecksSpec;
import io.releaseledger.health.CheckFactory;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.smoke.SmokeCheck;
import io.releaseledger.smoke.SmokeCheckRun;
import io.releaseledger.smoke.SmokeChecks;
import io.releaseledger.smoke.SmokeReport;

import java.util.ArrayList;
import java.util.List;

/**
 * The environment's {@code smokeChecks} against the one server taken out of the load balancer, after its health gate
 * passed (descriptor {@code healthGate: {smokeChecks: true}}, the default). Only checks aimed at the server run:
 * those using {@code {address}} or {@code {port}} (a path such as {@code /health} counts). A {@code container}
 * or {@code drift} check (every host's containers, which run mixed releases while servers are cycled) and checks with a fixed URL,
 * address, file or command (the public URL answers through the load balancer, a heartbeat is the environment's)
 * are left to {@code smokeCheck} after the deploy.
 */
final class ServerSmokeChecks {
    private final SmokeChecksSpec spec;
    private final String environment;
    private final SecretResolver secrets;
    private final List<String> skipped = new ArrayList<>();

    private ServerSmokeChecks(final EnvironmentSpec environment, final SecretResolver secrets) {
        this.spec = environment.getSmokeChecks();
        this.environment = environment.getName();
        this.secrets = secrets;
        for (HealthCheckSpec check : spec.getChecks()) {
            if (environmentWide(check)) {
                skipped.add(name(check, check.getType().name().toLowerCase(java.util.Locale.ROOT)));
            } else {
                HealthCheck built = factory().create(check);
                if (!built.usesTarget()) {
                    skipped.add(built.getName());
                }
            }
        }
    }

    /** The checks of {@code environment} per server, or {@code null} when it declares none or switched them off. */
    static ServerSmokeChecks of(final EnvironmentSpec environment, final SecretResolver secrets) {
        if (environment.getSmokeChecks() == null || !environment.getHealthGate().isSmokeChecks()) {
            return null;
        }
        return new ServerSmokeChecks(environment, secrets);
    }

    /** The names of the smoke checks that do not run per server. */
    List<String> getSkipped() {
        return skipped;
    }

    /** Whether no check runs per server. */
    boolean isEmpty() {
        return skipped.size() == spec.getChecks().size();
    }

    /** Runs the checks aimed at the server against {@code address:port}. */
    SmokeReport run(final String address, final int port) {
        CheckFactory factory = factory().setForbiddenStrings(spec.getForbiddenStrings());
        List<SmokeCheck> checks = new ArrayList<>();
        for (HealthCheckSpec check : spec.getChecks()) {
            if (environmentWide(check)) {
                continue;
            }
            HealthCheck built = factory.create(check);
            if (built.usesTarget()) {
                checks.add(new SmokeCheck(built, check.getOptions().getTimeout())
                        .setRetries(check.getOptions().getRetries()).setBackoff(check.getOptions().getBackoff()));
            }
        }
        return new SmokeCheckRun(checks, SmokeChecks.server(address, port)).setDeadline(spec.getDeadline())
                .setFailFast(spec.isFailFast()).setSecretMask(factory.getSecretMask()).call();
    }

    /** The container and drift checks look at the whole environment, which runs mixed releases mid-deploy. */
    private static boolean environmentWide(final HealthCheckSpec check) {
        return check.getType() == HealthCheckSpec.Type.CONTAINER || check.getType() == HealthCheckSpec.Type.DRIFT;
    }

    private CheckFactory factory() {
        return new CheckFactory(secrets).setEnvironment(environment);
    }

    private static String name(final HealthCheckSpec check, final String fallback) {
        return check.getOptions().getName() == null ? fallback : check.getOptions().getName();
    }
}
