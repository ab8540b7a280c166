package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads an environment's {@code smokeChecks}: deadline, failFast, forbiddenStrings and the checks. */
final class SmokeChecksReader {
    static final Set<String> KEYS = Set.of("deadline", "failFast", "parallelism", "forbiddenStrings", "checks");

    private SmokeChecksReader() {
    }

    static SmokeChecksSpec read(final Problems problems, final String path, final YamlNode node) {
        Fields fields = node == null ? null : Fields.of(problems, path, node, KEYS);
        if (fields == null) {
            return SmokeChecksSpec.none();
        }
        Duration deadline = fields.duration("deadline", SmokeChecksSpec.DEFAULT_DEADLINE);
        if (deadline != null && deadline.isZero()) {
            problems.add(fields.path("deadline"), fields.node("deadline"), "must be longer than 0ms");
        }
        boolean failFast = fields.bool("failFast", false);
        Integer parallelism = fields.integer("parallelism", null, 1, SmokeChecksSpec.MAX_PARALLELISM);
        // written as nothing or [] turns the list off; left out keeps the defaults
        List<String> forbidden = fields.mapping().getEntries().containsKey("forbiddenStrings")
                ? fields.strings("forbiddenStrings") : SmokeChecksSpec.DEFAULT_FORBIDDEN_STRINGS;
        for (int i = 0; i < forbidden.size(); i++) {
            if (forbidden.get(i).isBlank()) {
                problems.add(fields.path("forbiddenStrings") + "[" + i + "]", fields.node("forbiddenStrings"),
                        "an empty string would forbid every body");
            }
        }
        List<HealthCheckSpec> checks = new ArrayList<>();
        if (!fields.has("checks")) {
            fields.missing("checks", "a list such as - http: /health");
        }
        List<YamlNode> items = fields.list("checks");
        if (items.isEmpty() && fields.node("checks") instanceof YamlNode.Sequence) {
            problems.add(fields.path("checks"), fields.node("checks"), "give at least one check, or leave "
                    + "smokeChecks out");
        }
        CheckReader reader = new CheckReader(problems, true);
        for (int i = 0; i < items.size(); i++) {
            HealthCheckSpec check = reader.read(fields.path("checks") + "[" + i + "]", items.get(i));
            if (check != null) {
                checks.add(check);
            }
        }
        return new SmokeChecksSpec(checks, deadline == null || deadline.isZero()
                ? SmokeChecksSpec.DEFAULT_DEADLINE : deadline, failFast, forbidden)
                .withParallelism(parallelism);
    }
}
