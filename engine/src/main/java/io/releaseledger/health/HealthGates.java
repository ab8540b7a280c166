package io.releaseledger.health;

import io.releaseledger.descriptor.HealthCheckSpec;
import io.releaseledger.descriptor.HealthGateSpec;
import io.releaseledger.docker.ContainerEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Builds {@link HealthGate}s from the descriptor's {@code healthGate}. */
public final class HealthGates {
    private static final List<String> INSTANCE_PLACEHOLDERS = List.of("{environment}", "{host}", "{instance}");

    private HealthGates() {
    }

    /**
     * The gate of a descriptor whose check URLs and addresses use only {@code {address}} and {@code {port}} (the
     * target's); for {@code {environment}}, {@code {host}} or {@code {instance}} use the other {@code from}.
     *
     * @param engine the Docker engine of the host the instances run on, for the container check
     * @throws IllegalArgumentException when a check uses one of those other placeholders
     */
    public static HealthGate from(final HealthGateSpec spec, final ContainerEngine engine) {
        return build(spec, engine, template -> {
            for (String placeholder : INSTANCE_PLACEHOLDERS) {
                if (template.contains(placeholder)) {
                    throw new IllegalArgumentException("'" + template + "' uses " + placeholder
                            + ": build the gate with HealthGates.from(spec, engine, environment, host, instance)");
                }
            }
            return template;
        });
    }

    /**
     * The gate for one instance: {@code {environment}}, {@code {host}} (the host's short name) and {@code {instance}}
     * (from 1) are filled in here, {@code {address}} and {@code {port}} from the {@link CheckTarget}.
     */
    public static HealthGate from(final HealthGateSpec spec, final ContainerEngine engine, final String environment,
            final String host, final int instance) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(host, "host");
        return build(spec, engine, template -> template.replace("{environment}", environment)
                .replace("{host}", host).replace("{instance}", Integer.toString(instance)));
    }

    /**
     * As {@link #from(HealthGateSpec, ContainerEngine)}, with the secrets that http checks of the gate reference
     * (a token, basic auth).
     */
    public static HealthGate from(final HealthGateSpec spec, final ContainerEngine engine,
            final SecretResolver secrets) {
        Objects.requireNonNull(secrets, "secrets");
        return build(spec, engine, secrets, UnaryOperator.identity());
    }

    /**
     * The gate for one instance, with secrets: {@code {environment}}, {@code {host}} and {@code {instance}} are filled
     * in as by {@link #from(HealthGateSpec, ContainerEngine, String, String, int)}.
     */
    public static HealthGate from(final HealthGateSpec spec, final ContainerEngine engine,
            final SecretResolver secrets, final String environment, final String host, final int instance) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(host, "host");
        return build(spec, engine, secrets, template -> template.replace("{environment}", environment)
                .replace("{host}", host).replace("{instance}", Integer.toString(instance)));
    }

    private static HealthGate build(final HealthGateSpec spec, final ContainerEngine engine,
            final UnaryOperator<String> fill) {
        return build(spec, engine, SecretResolver.none(), fill);
    }

    private static HealthGate build(final HealthGateSpec spec, final ContainerEngine engine,
            final SecretResolver secrets, final UnaryOperator<String> fill) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(engine, "engine");
        // the gate asks what it always asked; forbidden strings belong to the smoke run
        CheckFactory factory = new CheckFactory(secrets).setPlaceholders(fill).setGateEngine(engine)
                .setForbiddenStrings(List.of());
        List<HealthCheck> checks = new ArrayList<>();
        for (HealthCheckSpec check : spec.getChecks()) {
            checks.add(factory.create(check));
        }
        return new HealthGate(checks, spec.getTimeout(), spec.getInterval());
    }
}
