package io.jenkins.plugins.releaseledger;

import java.util.List;

/**
 * Whether an environment is protected and who may deploy there. The controller's configuration decides; the release
 * descriptor's {@code protected: true} can only add protection, never remove the controller's. Jenkins-free.
 */
final class EnvironmentProtection {
    private final boolean isProtected;
    private final String source;
    private final List<String> deployers;

    private EnvironmentProtection(final boolean isProtected, final String source, final List<String> deployers) {
        this.isProtected = isProtected;
        this.source = source;
        this.deployers = List.copyOf(deployers);
    }

    /**
     * @param configured            the controller's protection of the environment; {@code null} when none
     * @param protectedByDescriptor what the workspace's release descriptor says
     */
    static EnvironmentProtection of(final String application, final String environment,
            final ProtectedEnvironment configured, final boolean protectedByDescriptor) {
        if (configured != null) {
            return new EnvironmentProtection(true, "protected by the controller (" + setting(application, environment)
                    + ")", configured.deployerList());
        }
        if (protectedByDescriptor) {
            return new EnvironmentProtection(true, "protected by the release descriptor", List.of());
        }
        return new EnvironmentProtection(false, null, List.of());
    }

    static EnvironmentProtection none() {
        return new EnvironmentProtection(false, null, List.of());
    }

    static String setting(final String application, final String environment) {
        return "Manage Jenkins » System » Release Ledger » Applications » '" + application
                + "' » Protected environments » '" + environment + "'";
    }

    boolean isProtected() {
        return isProtected;
    }

    /** Where the protection comes from, for messages; {@code null} when unprotected. */
    String getSource() {
        return source;
    }

    /** Whether the user (by id or one of their groups) may deploy: anyone (with the permission) when none are listed. */
    boolean isDeployer(final String userId, final List<String> groups) {
        if (deployers.isEmpty()) {
            return true;
        }
        if (Names.containsIgnoringCase(deployers, userId)) {
            return true;
        }
        for (String group : groups) {
            if (Names.containsIgnoringCase(deployers, group)) {
                return true;
            }
        }
        return false;
    }

    boolean hasDeployerList() {
        return !deployers.isEmpty();
    }
}
