package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/** An environment's {@code smokeChecks}: the checks, an overall deadline, failFast and the forbidden strings. */
public final class SmokeChecksSpec {
    /** Texts that must not appear in any http check's body unless the section overrides the list. */
    public static final List<String> DEFAULT_FORBIDDEN_STRINGS = List.of("lorem ipsum",
            "Traceback (most recent call last)", "Exception in thread \"", "at java.base/",
            "java.lang.NullPointerException", "Whitelabel Error Page", "<b>Warning</b>:", "<b>Notice</b>:",
            "var_dump(", "DEBUG = True");
    static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);
    /**
     * Checks mostly wait on the network: by default all of a run's checks start at once, up to this many, not enough
     * to look like an attack.
     */
    public static final int MAX_PARALLELISM = 256;

    private final List<HealthCheckSpec> checks;
    private final Duration deadline;
    private final boolean failFast;
    private final List<String> forbiddenStrings;
    private Integer parallelism;

    SmokeChecksSpec(final List<HealthCheckSpec> checks, final Duration deadline, final boolean failFast,
            final List<String> forbiddenStrings) {
        this.checks = List.copyOf(checks);
        this.deadline = deadline;
        this.failFast = failFast;
        this.forbiddenStrings = List.copyOf(forbiddenStrings);
    }

    static SmokeChecksSpec none() {
        return new SmokeChecksSpec(List.of(), DEFAULT_DEADLINE, false, DEFAULT_FORBIDDEN_STRINGS);
    }

    /** The checks, empty when the environment declares none. */
    public List<HealthCheckSpec> getChecks() {
        return checks;
    }

    /** How long the whole run may take. */
    public Duration getDeadline() {
        return deadline;
    }

    SmokeChecksSpec withParallelism(final Integer parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /**
     * How many checks run at the same time, when the section says; empty when it does not: then every check of the run
     * starts at once, at most {@value #MAX_PARALLELISM}.
     */
    public OptionalInt getParallelism() {
        return parallelism == null ? OptionalInt.empty() : OptionalInt.of(parallelism);
    }

    /** Stop at the first failure. */
    public boolean isFailFast() {
        return failFast;
    }

    /** The forbidden strings of http bodies: the section's list or {@link #DEFAULT_FORBIDDEN_STRINGS}. */
    public List<String> getForbiddenStrings() {
        return forbiddenStrings;
    }
}
