package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Queue;
import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Releases page asked the build to do, as environment variables the Jenkinsfile hands to its
 * {@code rollback} step ({@code docs/governance-notifications.md}). Goes with the queue item onto the build; two
 * requests are never folded into one queue item, so neither is lost.
 */
public final class PageRollbackRequest implements EnvironmentContributingAction, Queue.QueueAction {
    static final String ENVIRONMENT = "RELEASE_LEDGER_ROLLBACK_ENVIRONMENT";
    static final String VERSION = "RELEASE_LEDGER_ROLLBACK_VERSION";
    static final String REASON = "RELEASE_LEDGER_ROLLBACK_REASON";
    static final String REQUESTED_BY = "RELEASE_LEDGER_ROLLBACK_REQUESTED_BY";

    private final String environment;
    private final String version;
    private final String reason;
    private final String requestedBy;

    PageRollbackRequest(final String environment, final String version, final String reason, final String requestedBy) {
        this.environment = environment;
        this.version = version;
        this.reason = reason;
        this.requestedBy = requestedBy;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    public String getReason() {
        return reason;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    /** The variables this request adds to the build's environment. */
    Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(ENVIRONMENT, environment);
        variables.put(VERSION, version);
        variables.put(REASON, reason);
        variables.put(REQUESTED_BY, requestedBy == null ? "" : requestedBy);
        return variables;
    }

    @Override
    public void buildEnvironment(@NonNull final Run<?, ?> run, @NonNull final EnvVars env) {
        env.putAll(variables());
    }

    @Override
    public boolean shouldSchedule(final List<hudson.model.Action> actions) {
        return true;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
