package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code healthGate}: timeout, interval, the {@code http}, {@code tcp}, {@code container} and {@code command}
 * checks, and whether the environment's {@code smokeChecks} also run per server during server cycling.
 */
final class HealthGateReader {
    static final Set<String> KEYS = Set.of("timeout", "interval", "checks", "smokeChecks");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private HealthGateReader() {
    }

    static HealthGateSpec defaults() {
        return new HealthGateSpec(DEFAULT_TIMEOUT, DEFAULT_INTERVAL, List.of(new ContainerCheckSpec(true, KindReaders.STABLE_FOR,
                CheckOptions.defaults(CheckOptions.DEFAULT_TIMEOUT))), true);
    }

    static HealthGateSpec read(final Problems problems, final String path, final YamlNode node) {
        Fields fields = node == null ? null : Fields.of(problems, path, node, KEYS);
        if (fields == null) {
            return defaults();
        }
        Duration timeout = fields.duration("timeout", DEFAULT_TIMEOUT);
        Duration interval = fields.duration("interval", DEFAULT_INTERVAL);
        if (timeout != null && interval != null && interval.compareTo(timeout) >= 0) {
            problems.add(fields.path("interval"), fields.node("interval") == null ? node : fields.node("interval"),
                    "the interval (" + interval.toMillis() + "ms) must be shorter than the timeout ("
                            + timeout.toMillis() + "ms)");
        }
        List<HealthCheckSpec> checks = new ArrayList<>();
        if (!fields.has("checks")) {
            checks.addAll(defaults().getChecks());
        } else {
            List<YamlNode> items = fields.list("checks");
            if (items.isEmpty() && fields.node("checks") instanceof YamlNode.Sequence) {
                problems.add(fields.path("checks"), fields.node("checks"), "give at least one check, or leave "
                        + "checks out for the container check alone");
            }
            CheckReader reader = new CheckReader(problems, false);
            for (int i = 0; i < items.size(); i++) {
                HealthCheckSpec check = reader.read(fields.path("checks") + "[" + i + "]", items.get(i));
                if (check != null) {
                    checks.add(check);
                }
            }
        }
        return new HealthGateSpec(timeout == null ? DEFAULT_TIMEOUT : timeout,
                interval == null ? DEFAULT_INTERVAL : interval, checks, fields.bool("smokeChecks", true));
    }

}
