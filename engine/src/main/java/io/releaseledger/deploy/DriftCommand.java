package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares an environment's reality with its ledger: reads what the ledger says runs there
 * ({@link DriftExpectation}), has a {@link DriftExecutor} observe the hosts, the load balancer and the registry where
 * the I/O belongs, compares ({@link DriftComparison}) and records the verdict: {@code drift.detected} with the
 * differences, or {@code drift.checked} when reality matches. A check that could not read every part and found no
 * difference records nothing. Single use.
 *
 * <pre>{@code
 * DriftReport report = new DriftCommand(descriptor, "production", ledger, new LocalDriftExecutor(descriptor, registry))
 *         .setActor(actor).setOrigin(origin).call();
 * }</pre>
 */
public final class DriftCommand {
    /** At most this many findings go into an event; the count is always complete. */
    static final int FINDINGS_RECORDED = 50;
    private static final int SUMMARY_RECORDED = 1000;

    private final ReleaseDescriptor descriptor;
    private final String environment;
    private final Ledger ledger;
    private final DriftExecutor executor;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private Messages messages = new Messages();
    private boolean record = true;
    private boolean called;

    public DriftCommand(final ReleaseDescriptor descriptor, final String environment, final Ledger ledger,
            final DriftExecutor executor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public DriftCommand setActor(final Actor actor) {
        this.actor = Objects.requireNonNull(actor, "actor");
        return this;
    }

    public DriftCommand setOrigin(final Origin origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        return this;
    }

    public DriftCommand setMessages(final Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
        return this;
    }

    /** Record the verdict in the ledger (default on); off: only report. */
    public DriftCommand setRecord(final boolean record) {
        this.record = record;
        return this;
    }

    /**
     * @throws ReleaseLedgerException when the environment is unknown or the observation fails as a whole; nothing
     *         is recorded then
     */
    public DriftReport call() {
        if (called) {
            throw new IllegalStateException("A DriftCommand runs once; create a new one.");
        }
        called = true;
        EnvironmentSpec spec = descriptor.getEnvironment(environment).orElseThrow(() -> new ReleaseLedgerException(
                "The descriptor " + descriptor.getSource() + " has no environment '" + environment + "'."));
        DriftExpectation expected = DriftExpectation.of(ledger, descriptor, environment);
        if (expected.isLocked()) {
            messages.warning("A deploy holds the lock of %s: differences may be that deploy at work.", environment);
        }
        DriftReport report = new DriftComparison(spec, expected).compare(executor.observe(expected));
        if (report.isDrifted()) {
            messages.warning("%s", report.summary());
        } else if (!report.isComplete()) {
            messages.warning("%s", report.summary());
        } else {
            messages.info("%s", report.summary());
        }
        if (record && (report.isDrifted() || report.isComplete())) {
            ledger.append(new EventDraft(report.isDrifted() ? EventTypes.DRIFT_DETECTED : EventTypes.DRIFT_CHECKED,
                    actor, origin).setEnvironment(environment).setData(eventData(report.toJson(), "drift")));
        }
        return report;
    }

    /**
     * The data of a {@code drift.*} event: {@code version}, {@code digest}, {@code source} ({@code drift}: the drift
     * command; {@code smoke}: a smoke run's drift check), {@code findingCount}, {@code findings} (at most 50),
     * {@code unknown}, {@code summary} (at most 1,000 characters).
     */
    static Map<String, Object> eventData(final Map<String, Object> json, final String source) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", json.get("version"));
        data.put("digest", json.get("digest"));
        data.put("source", source);
        List<?> findings = (List<?>) json.get("findings");
        data.put("findingCount", findings.size());
        data.put("findings", new ArrayList<>(findings.subList(0, Math.min(FINDINGS_RECORDED, findings.size()))));
        data.put("unknown", json.get("unknown"));
        String summary = String.valueOf(json.get("summary"));
        data.put("summary", summary.length() <= SUMMARY_RECORDED ? summary
                : summary.substring(0, SUMMARY_RECORDED - 1) + "…");
        return data;
    }
}
