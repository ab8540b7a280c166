package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.deploy.DriftFinding;
import io.releaseledger.deploy.DriftReport;
import io.releaseledger.descriptor.EnvironmentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code driftCheck}'s parameters, what it does with a verdict and what it returns, Jenkins-free. The verdict needs
 * attention when the environment drifted or a part could not be read ("drift unknown"): the build fails, turns
 * unstable or goes on, as {@code onDrift} says.
 */
final class DriftCheckOptions {
    static final String FAIL = "fail";
    static final String UNSTABLE = "unstable";
    static final String IGNORE = "ignore";
    private static final List<String> ON_DRIFT = List.of(FAIL, UNSTABLE, IGNORE);

    private DriftCheckOptions() {
    }

    /** The problems of the parameters, one sentence each; empty when they are fine. */
    static List<String> validate(final String environment, final String onDrift) {
        List<String> problems = new ArrayList<>();
        if (environment == null) {
            problems.add("environment is required");
        }
        if (onDrift != null && !ON_DRIFT.contains(onDrift)) {
            problems.add("onDrift is '" + onDrift + "'; use 'fail' (the default), 'unstable' or 'ignore'");
        }
        return problems;
    }

    /** The flow-graph label: the environment. */
    static String label(final Map<String, Object> namedArgs) {
        return namedArgs.get("environment") instanceof String environment ? environment : null;
    }

    /**
     * The credentials the observation needs: the hosts' Docker TLS client certificates, nothing else (the containers'
     * secrets stay on the controller).
     *
     * @return id → {@code {"kind", "variable"}}
     * @throws IllegalArgumentException when one id is used as two kinds
     */
    static Map<String, Map<String, String>> hostCredentials(final EnvironmentSpec environment) {
        Map<String, Map<String, String>> hosts = new LinkedHashMap<>();
        DeployCredentialVariables.of(environment).forEach((id, entry) -> {
            if (DeployCredentialVariables.DOCKER_TLS.equals(entry.get("kind"))) {
                hosts.put(id, entry);
            }
        });
        return hosts;
    }

    /** What to do with the verdict: {@code null} when the environment matches the ledger, else {@code onDrift}. */
    static String action(final DriftReport report, final String onDrift) {
        if (!report.isDrifted() && report.isComplete()) {
            return null;
        }
        return onDrift == null ? FAIL : onDrift;
    }

    /** The sentence of a verdict that needs attention, naming the step and how to see more. */
    static String attention(final String step, final DriftReport report) {
        return step + ": " + report.summary() + (report.isDrifted() ? "" : "; check that the agent reaches the hosts,"
                + " the load balancer and the registry (registryCredentialsId)");
    }

    /**
     * The step's value, JDK types only: {@code environment}, {@code version} (the ledger's), {@code drifted},
     * {@code complete} (every part was read), {@code findings} ({@code {kind, subject, expected, actual}} each),
     * {@code unknown} (what could not be read), {@code summary}; every text masked.
     */
    static Map<String, Object> returnValue(final DriftReport report, final SecretMask mask) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("environment", report.getEnvironment());
        value.put("version", report.getVersion());
        value.put("drifted", report.isDrifted());
        value.put("complete", report.isComplete());
        List<Object> findings = new ArrayList<>();
        for (DriftFinding finding : report.getFindings()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", finding.getKind());
            item.put("subject", mask.mask(finding.getSubject()));
            item.put("expected", mask.mask(finding.getExpected()));
            item.put("actual", mask.mask(finding.getActual()));
            findings.add(item);
        }
        value.put("findings", findings);
        List<Object> unknown = new ArrayList<>();
        report.getUnknown().forEach(part -> unknown.add(mask.mask(part)));
        value.put("unknown", unknown);
        value.put("summary", mask.mask(report.summary()));
        return value;
    }
}
