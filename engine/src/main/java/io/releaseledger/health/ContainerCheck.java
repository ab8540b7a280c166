package io.releaseledger.health;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerState;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The container itself, through {@link ContainerEngine#inspect}: it runs, runs the expected image digest, is not
 * restarting and has not restarted since the gate began, has run for {@link #setStableFor stableFor} while the gate
 * watched, and, when its image has a Docker {@code HEALTHCHECK} and {@link #setHealthy healthy} is on, Docker reports
 * it {@code healthy}. A container that exited, restarts or runs another image fails for good
 * ({@link CheckResult#isFatal()}): waiting will not fix it.
 *
 * <p>The expected digest matches the digest of the reference the container was created from
 * ({@code repository@sha256:…}) or, for a container created otherwise, its image id.
 */
public final class ContainerCheck implements HealthCheck {
    static final String KIND = "container";
    private static final int SHORT_DIGEST = 19;

    private final ContainerEngine engine;
    private boolean healthy = true;
    private Duration stableFor = Duration.ofSeconds(5);

    // what this session saw first; guarded by this
    private String seenContainer;
    private int baselineRestarts;
    private long runningSinceNanos;
    private boolean seenRunning;

    public ContainerCheck(final ContainerEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Wait for Docker's {@code healthy} when the image defines a health check (default on). */
    public ContainerCheck setHealthy(final boolean healthy) {
        this.healthy = healthy;
        return this;
    }

    /** How long the gate must see the container running without a restart (default 5 s; zero: once is enough). */
    public ContainerCheck setStableFor(final Duration stableFor) {
        if (stableFor.isNegative()) {
            throw new IllegalArgumentException("stableFor must not be negative, not " + stableFor);
        }
        this.stableFor = stableFor;
        return this;
    }

    public boolean isHealthy() {
        return healthy;
    }

    public Duration getStableFor() {
        return stableFor;
    }

    @Override
    public String getName() {
        return KIND;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    /** A fresh check with the same settings: restarts are counted from the first look of each gate run. */
    @Override
    public HealthCheck session() {
        return new ContainerCheck(engine).setHealthy(healthy).setStableFor(stableFor);
    }

    @Override
    public synchronized CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        String container = target.getContainerId();
        if (container == null) {
            return CheckResult.fatal(KIND, KIND, "no container to check: the target names none", 0);
        }
        ContainerState state;
        try {
            state = engine.inspect(container);
        } catch (ReleaseLedgerException e) {
            return CheckResult.failed(KIND, KIND, e.getMessage(), Durations.millisSince(start));
        }
        if (!container.equals(seenContainer)) {
            seenContainer = container;
            baselineRestarts = state.getRestartCount();
            seenRunning = false;
        }
        Verdict verdict = judge(state, target.getExpectedDigest());
        long millis = Durations.millisSince(start);
        if (verdict.fatal) {
            return CheckResult.fatal(KIND, KIND, verdict.detail, millis);
        }
        return verdict.passed ? CheckResult.passed(KIND, KIND, verdict.detail, millis)
                : CheckResult.failed(KIND, KIND, verdict.detail, millis);
    }

    private Verdict judge(final ContainerState state, final String expectedDigest) {
        String name = state.getName() == null ? state.getId() : state.getName();
        int restarts = state.getRestartCount() - baselineRestarts;
        if (state.isRestarting()) {
            return Verdict.fatal(name + " is restarting" + exit(state) + restartsText(state.getRestartCount()));
        }
        if (restarts > 0) {
            return Verdict.fatal(name + " restarted " + times(restarts) + " during the health gate" + exit(state));
        }
        if (!state.isRunning()) {
            String detail = name + " is " + state.getStatus() + exit(state);
            return "created".equals(state.getStatus()) ? Verdict.failed(detail + ", not started yet")
                    : Verdict.fatal(detail);
        }
        if (expectedDigest != null && !runsDigest(state, expectedDigest)) {
            return Verdict.fatal(name + " runs " + state.getImage()
                    + state.getImageDigest().map(d -> "").orElse(" (image id " + shortDigest(state.getImageId()) + ")")
                    + ", expected digest " + shortDigest(digestOf(expectedDigest)));
        }
        Optional<String> health = state.getHealth();
        if (healthy && health.isPresent() && !"healthy".equals(health.get())) {
            return Verdict.failed(name + " is running, Docker reports it " + health.get());
        }
        long now = System.nanoTime();
        if (!seenRunning) {
            seenRunning = true;
            runningSinceNanos = now;
        }
        Duration watched = Duration.ofNanos(now - runningSinceNanos);
        String running = name + " is running " + shortDigest(imageDigest(state))
                + (healthy && health.isPresent() ? ", healthy" : "");
        if (watched.compareTo(stableFor) < 0) {
            return Verdict.failed(running + ", no restart for " + Durations.format(watched) + " of "
                    + Durations.format(stableFor) + " yet");
        }
        return Verdict.passed(running + (stableFor.isZero() ? "" : ", no restart for "
                + Durations.format(watched)));
    }

    static boolean runsDigest(final ContainerState state, final String expected) {
        String digest = digestOf(expected);
        return state.getImageDigest().map(digest::equals).orElseGet(() -> digest.equals(state.getImageId()));
    }

    static String imageDigest(final ContainerState state) {
        return state.getImageDigest().orElse(state.getImageId());
    }

    /** {@code sha256:…} from a digest or a {@code repository@sha256:…} reference. */
    static String digestOf(final String reference) {
        int at = reference.indexOf('@');
        return at < 0 ? reference : reference.substring(at + 1);
    }

    static String shortDigest(final String digest) {
        return digest == null || digest.length() <= SHORT_DIGEST ? String.valueOf(digest)
                : digest.substring(0, SHORT_DIGEST) + "…";
    }

    private static String exit(final ContainerState state) {
        return state.getExitCode().map(code -> ", exit code " + code).orElse("")
                + state.getError().map(error -> ": " + error).orElse("");
    }

    private static String restartsText(final int count) {
        return count == 0 ? "" : " (restarted " + times(count) + ")";
    }

    private static String times(final int count) {
        return count == 1 ? "once" : count + " times";
    }

    @Override
    public String toString() {
        return KIND + (healthy ? ", healthy" : "") + ", stable for " + Durations.format(stableFor);
    }

    private static final class Verdict {
        private final boolean passed;
        private final boolean fatal;
        private final String detail;

        private Verdict(final boolean passed, final boolean fatal, final String detail) {
            this.passed = passed;
            this.fatal = fatal;
            this.detail = detail;
        }

        static Verdict passed(final String detail) {
            return new Verdict(true, false, detail);
        }

        static Verdict failed(final String detail) {
            return new Verdict(false, false, detail);
        }

        static Verdict fatal(final String detail) {
            return new Verdict(false, true, detail);
        }
    }
}
