package io.jenkins.plugins.releaseledger;

import hudson.model.Run;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Origin;
import java.util.Map;
import org.springframework.security.core.Authentication;

/**
 * Gives {@link DeployAuthorization} the build's identities, the controller's policy and the permission check, from
 * Jenkins through a {@link JenkinsFacade}. Called from a step's execution thread, which runs as the build.
 */
final class DeployIdentity {
    static final String OVERRIDE_PERMISSION = "Release Ledger » Override freeze windows";

    private final JenkinsFacade jenkins;

    DeployIdentity(final JenkinsFacade jenkins) {
        this.jenkins = jenkins;
    }

    static DeployIdentity get() {
        return new DeployIdentity(new JenkinsFacade());
    }

    /** {@link #decide} with Jenkins itself, for a step that changes the environment. */
    static DeployAuthorization<Authentication> authorize(final String stepName, final Run<?, ?> run,
            final String application, final String environment, final boolean protectedByDescriptor) {
        return get().decide(stepName, run, application, environment, protectedByDescriptor, true);
    }

    /** {@link #decide} with Jenkins itself; {@code changes}: whether the step may change the environment (a rollback). */
    static DeployAuthorization<Authentication> authorize(final String stepName, final Run<?, ?> run,
            final String application, final String environment, final boolean protectedByDescriptor,
            final boolean changes) {
        return get().decide(stepName, run, application, environment, protectedByDescriptor, changes);
    }

    /**
     * Whether this build may deploy the application to the environment: the job must own the application, and a
     * protected environment (the controller's policy, or {@code protected: true} in the descriptor) needs a permitted
     * identity.
     */
    DeployAuthorization<Authentication> decide(final String stepName, final Run<?, ?> run, final String application,
            final String environment, final boolean protectedByDescriptor, final boolean changes) {
        String ownership = jenkins.getOwnershipRefusal(run, application);
        if (ownership != null) {
            return DeployAuthorization.refuse(stepName, ownership);
        }
        ApplicationPolicy policy = jenkins.getApplicationPolicy(application);
        EnvironmentProtection protection = !changes ? EnvironmentProtection.none() : EnvironmentProtection.of(
                application, environment, policy == null ? null : policy.protection(environment), protectedByDescriptor);
        return DeployAuthorization.decide(stepName, environment, protection, build(), starter(run),
                authentication -> jenkins.mayDeployProtected(run, authentication));
    }

    /**
     * Why this build may not deploy inside a freeze window with {@code overrideFreeze}; {@code null} when it may. The
     * identity checked is the one the deploy runs as (the build's, else the user who started it), and it needs
     * "Override freeze windows" on the job.
     */
    String freezeOverrideRefusal(final String stepName, final Run<?, ?> run) {
        DeployAuthorization.Identity<Authentication> who = build();
        if (who == null) {
            who = starter(run);
        }
        if (who == null) {
            return stepName + ": overrideFreeze needs a user behind the build (it runs as SYSTEM and was started by a "
                    + "timer, an SCM change or another build): run the job as a user who has the '" + OVERRIDE_PERMISSION
                    + "' permission (Authorize Project plugin), or start it by hand. Nothing was changed.";
        }
        if (!jenkins.mayOverrideFreeze(run, who.getAuthentication())) {
            return stepName + ": " + who.getId() + " may not override freeze windows: the '" + OVERRIDE_PERMISSION
                    + "' permission on this job is missing. Nothing was changed.";
        }
        return null;
    }

    /** Who the build's events are recorded for: the build's identity, else its starter, else Jenkins itself. */
    Actor actor(final Run<?, ?> run) {
        DeployAuthorization.Identity<Authentication> build = build();
        if (build != null) {
            return BuildIdentity.actor(build.getId(), build.getName());
        }
        String starter = jenkins.getStarterId(run);
        return BuildIdentity.actor(starter, starter == null ? null : jenkins.getDisplayName(starter));
    }

    /** Where the build's events come from; a change request by the job's SCM head, or by {@code CHANGE_ID} when set. */
    Origin origin(final Run<?, ?> run, final Map<String, String> environment) {
        return BuildIdentity.origin(jenkins.getJobFullName(run), jenkins.getBuildNumber(run), jenkins.getRootUrl(),
                jenkins.getBuildUrl(run), BuildIdentity.isChangeRequest(jenkins.isChangeRequest(run), environment));
    }

    /** The build's authentication, which the step's thread carries; {@code null} when it is SYSTEM (the default). */
    DeployAuthorization.Identity<Authentication> build() {
        Authentication authentication = jenkins.getAuthentication();
        if (authentication == null || jenkins.isSystem(authentication)) {
            return null;
        }
        String id = authentication.getName();
        return new DeployAuthorization.Identity<>(id, jenkins.getDisplayName(id), jenkins.getGroups(authentication),
                authentication);
    }

    /** The user who started the build by hand, as that user; {@code null} when none or unknown to the security realm. */
    DeployAuthorization.Identity<Authentication> starter(final Run<?, ?> run) {
        String id = jenkins.getStarterId(run);
        if (id == null) {
            return null;
        }
        Authentication authentication = jenkins.impersonate(id);
        if (authentication == null) {
            return null;
        }
        return new DeployAuthorization.Identity<>(id, jenkins.getDisplayName(id), jenkins.getGroups(authentication),
                authentication);
    }
}
