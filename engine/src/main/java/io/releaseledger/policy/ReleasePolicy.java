package io.releaseledger.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** The policy of one application: per environment, its approvals and freeze windows. */
public final class ReleasePolicy {
    private final Map<String, EnvironmentPolicy> environments = new LinkedHashMap<>();

    /** No rules anywhere: what an application without a policy gets. */
    public static ReleasePolicy none() {
        return new ReleasePolicy();
    }

    /** @throws PolicyException when the environment has a policy already */
    public ReleasePolicy add(final EnvironmentPolicy policy) {
        if (environments.putIfAbsent(policy.getEnvironment(), policy) != null) {
            throw new PolicyException("The policy names environment '" + policy.getEnvironment() + "' twice; merge "
                    + "its rules into one entry.");
        }
        return this;
    }

    /** The environment's policy; an empty one when none is configured. */
    public EnvironmentPolicy forEnvironment(final String environment) {
        EnvironmentPolicy policy = environments.get(environment);
        return policy != null ? policy : EnvironmentPolicy.none(environment);
    }

    public Map<String, EnvironmentPolicy> getEnvironments() {
        return Map.copyOf(environments);
    }
}
