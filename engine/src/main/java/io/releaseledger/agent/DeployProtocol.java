package io.releaseledger.agent;

import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the {@code deploy.*} agent operations, for both ends: the controller builds the options and
 * reads the results with these methods; {@link DeployOperation} reads the same options and writes the same results
 * on the agent. Options common to every operation: {@code descriptor} (the YAML text), {@code descriptorSource}
 * (its path, for messages), {@code environment}, {@code credentials} (credentials id to
 * {@code {"kind": "secret"|"dockerTls", "variable": "RELEASE_LEDGER_CREDENTIAL_<n>"}}: names of environment
 * variables of the agent process, never values), and optionally {@code overrides} (key to value, as the step's
 * {@code overrides} parameter gave them: the agent applies them to the descriptor as the controller did).
 */
public final class DeployProtocol {
    public static final String PLAN = "deploy.plan";
    public static final String EXECUTE = "deploy.execute";
    public static final String RECONCILE = "deploy.reconcile";
    public static final String TAG = "deploy.tag";

    /** Registry username, as for the CLI. */
    public static final String REGISTRY_USERNAME = "RELEASE_LEDGER_REGISTRY_USERNAME";
    /** Registry password, as for the CLI. */
    public static final String REGISTRY_PASSWORD = "RELEASE_LEDGER_REGISTRY_PASSWORD";
    /** {@code kind} of a credential whose value (secret text) is in its variable. */
    public static final String KIND_SECRET = "secret";
    /** {@code kind} of a Docker TLS credential: PEM texts in {@code VARIABLE_CA}, {@code VARIABLE_CERT}, {@code VARIABLE_KEY}. */
    public static final String KIND_DOCKER_TLS = "dockerTls";

    /** The option that carries the descriptor's overrides (deploy and smoke operations). */
    public static final String OVERRIDES = "overrides";

    private DeployProtocol() {
    }

    /**
     * The options with the descriptor's overrides added (nothing when there are none), so that the agent reads the
     * same descriptor as the controller.
     */
    public static Map<String, Object> withOverrides(final Map<String, Object> options,
            final Map<String, String> overrides) {
        if (!overrides.isEmpty()) {
            options.put(OVERRIDES, new LinkedHashMap<>(overrides));
        }
        return options;
    }

    /** The descriptor of a deploy or smoke request: its text, named by its source, with its overrides applied. */
    static ReleaseDescriptor readDescriptor(final OptionReader reader) {
        ReleaseDescriptor descriptor = DescriptorLoader.parse(reader.string("descriptor"),
                reader.has("descriptorSource") ? reader.string("descriptorSource") : DescriptorLoader.DEFAULT_FILE_NAME);
        return reader.has(OVERRIDES) ? descriptor.withOverrides(reader.stringMap(OVERRIDES)) : descriptor;
    }

    /** A {@code credentials} entry: {@code {"kind": kind, "variable": variable}}. */
    public static Map<String, String> credential(final String kind, final String variable) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("kind", kind);
        entry.put("variable", variable);
        return entry;
    }

    public static Map<String, Object> planOptions(final String descriptorText, final String descriptorSource,
            final String environment, final Map<String, Map<String, String>> credentials, final PlanRequest request) {
        Map<String, Object> options = common(descriptorText, descriptorSource, environment, credentials);
        options.put("request", request.toJson());
        return options;
    }

    public static Map<String, Object> executeOptions(final String descriptorText, final String descriptorSource,
            final String environment, final Map<String, Map<String, String>> credentials, final DeploymentPlan plan,
            final String lockId) {
        Map<String, Object> options = common(descriptorText, descriptorSource, environment, credentials);
        options.put("plan", plan.toJson());
        options.put("lockId", lockId);
        return options;
    }

    public static Map<String, Object> reconcileOptions(final String descriptorText, final String descriptorSource,
            final String environment, final Map<String, Map<String, String>> credentials, final DeploymentPlan plan) {
        Map<String, Object> options = common(descriptorText, descriptorSource, environment, credentials);
        options.put("plan", plan.toJson());
        return options;
    }

    public static Map<String, Object> tagOptions(final String descriptorText, final String descriptorSource,
            final String environment, final Map<String, Map<String, String>> credentials, final DeploymentPlan plan,
            final List<String> tags) {
        Map<String, Object> options = common(descriptorText, descriptorSource, environment, credentials);
        options.put("plan", plan.toJson());
        options.put("tags", new ArrayList<>(tags));
        return options;
    }

    private static Map<String, Object> common(final String descriptorText, final String descriptorSource,
            final String environment, final Map<String, Map<String, String>> credentials) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("descriptor", descriptorText);
        options.put("descriptorSource", descriptorSource);
        options.put("environment", environment);
        Map<String, Object> copy = new LinkedHashMap<>();
        credentials.forEach((id, entry) -> copy.put(id, new LinkedHashMap<>(entry)));
        options.put("credentials", copy);
        return options;
    }

    /** The plan of a {@code deploy.plan} result. */
    public static DeploymentPlan readPlan(final Map<String, Object> result) {
        return DeploymentPlan.fromJson(object(result, "plan"));
    }

    /** The outcome of a {@code deploy.execute} result. */
    public static ExecuteOutcome readExecute(final Map<String, Object> result) {
        Object succeeded = result.get("succeeded");
        Object message = result.get("message");
        Object duration = result.get("durationMillis");
        if (!(succeeded instanceof Boolean) || !(duration instanceof Number)) {
            throw new AgentProtocolException("the deploy.execute result lacks \"succeeded\" or \"durationMillis\"");
        }
        return new ExecuteOutcome((Boolean) succeeded, message instanceof String ? (String) message : null,
                readEvents(result), ((Number) duration).longValue());
    }

    /**
     * The events ({@code {type, environment, data}}, oldest first) of a {@code deploy.execute} or
     * {@code deploy.reconcile} result: the controller appends them in order.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> readEvents(final Map<String, Object> result) {
        Object events = result.get("events");
        if (!(events instanceof List)) {
            throw new AgentProtocolException("the result of a deploy operation lacks its \"events\"");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Object event : (List<Object>) events) {
            if (!(event instanceof Map) || !(((Map<String, Object>) event).get("type") instanceof String)) {
                throw new AgentProtocolException("an event of the deploy result is not {type, environment, data}");
            }
            list.add((Map<String, Object>) event);
        }
        return list;
    }

    /**
     * The failure of a {@code deploy.reconcile} result, {@code null} when it completed: the events are still to be
     * appended first (a reconcile that could not restore everything records what it did).
     */
    public static String readMessage(final Map<String, Object> result) {
        Object message = result.get("message");
        return message instanceof String ? (String) message : null;
    }

    /** The warnings of a {@code deploy.tag} result: one per tag that could not be set. */
    public static List<String> readWarnings(final Map<String, Object> result) {
        Object warnings = result.get("warnings");
        List<String> list = new ArrayList<>();
        if (warnings instanceof List) {
            ((List<?>) warnings).forEach(warning -> list.add(String.valueOf(warning)));
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(final Map<String, Object> result, final String name) {
        Object value = result.get(name);
        if (!(value instanceof Map)) {
            throw new AgentProtocolException("the deploy result lacks its \"" + name + "\" object");
        }
        return (Map<String, Object>) value;
    }

    /** What {@code deploy.execute} reported: a failed deploy is still a protocol success that carries its events. */
    public static final class ExecuteOutcome {
        private final boolean succeeded;
        private final String message;
        private final List<Map<String, Object>> events;
        private final long durationMillis;

        ExecuteOutcome(final boolean succeeded, final String message, final List<Map<String, Object>> events,
                final long durationMillis) {
            this.succeeded = succeeded;
            this.message = message;
            this.events = List.copyOf(events);
            this.durationMillis = durationMillis;
        }

        public boolean isSucceeded() {
            return succeeded;
        }

        /** Why the deploy failed (after the restore), {@code null} on success. */
        public String getMessage() {
            return message;
        }

        /** The events to append, oldest first. */
        public List<Map<String, Object>> getEvents() {
            return events;
        }

        public long getDurationMillis() {
            return durationMillis;
        }
    }
}
