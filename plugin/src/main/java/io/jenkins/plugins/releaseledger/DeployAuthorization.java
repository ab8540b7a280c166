package io.jenkins.plugins.releaseledger;

import io.releaseledger.ledger.Actor;
import java.util.List;
import java.util.function.Predicate;

/**
 * Who deploys and whether they may: the build's own identity (the identity the build runs as, which Authorize Project
 * sets), else, for a build that runs as SYSTEM, the user who started it; for a protected environment that identity
 * needs the permission (and to be a listed deployer when the controller lists them), and without one the deploy is
 * refused. The identity checked is the one recorded as the actor. Jenkins-free: {@link DeployIdentity} gives it the
 * identities and the permission check.
 *
 * @param <A> the authentication type (Spring's in Jenkins)
 */
final class DeployAuthorization<A> {
    static final String PERMISSION = "Release Ledger » Deploy to protected environments";

    private final Identity<A> identity;
    private final boolean isProtected;
    private final String refusal;

    private DeployAuthorization(final Identity<A> identity, final boolean isProtected, final String refusal) {
        this.identity = identity;
        this.isProtected = isProtected;
        this.refusal = refusal;
    }

    /**
     * @param build     the build's authentication when it is not SYSTEM, else {@code null}
     * @param starter   the user of the build's {@code UserIdCause}, else {@code null}
     * @param mayDeploy whether an authentication has the permission on the job
     */
    static <A> DeployAuthorization<A> decide(final String stepName, final String environment,
            final EnvironmentProtection protection, final Identity<A> build, final Identity<A> starter,
            final Predicate<A> mayDeploy) {
        Identity<A> who = build != null ? build : starter;
        if (!protection.isProtected()) {
            return new DeployAuthorization<>(who, false, null);
        }
        if (who == null) {
            return new DeployAuthorization<>(null, true, stepName + ": the environment '" + environment + "' is "
                    + "protected (" + protection.getSource() + "), and no user stands behind this build (it runs as SYSTEM and was "
                    + "started by a timer, an SCM change or another build). Configure the Authorize Project plugin to "
                    + "run this job as a user who has the '" + PERMISSION + "' permission, or start the build by hand.");
        }
        if (!mayDeploy.test(who.authentication)) {
            return new DeployAuthorization<>(who, true, stepName + ": " + who.id + " may not deploy to the protected "
                    + "environment '" + environment + "' (" + protection.getSource() + "): the '" + PERMISSION
                    + "' permission on this job is missing. Nothing was changed.");
        }
        if (!protection.isDeployer(who.id, who.groups)) {
            return new DeployAuthorization<>(who, true, stepName + ": " + who.id + " may not deploy to the protected "
                    + "environment '" + environment + "' (" + protection.getSource() + "): neither the user nor one of "
                    + "their groups is among its deployers. Nothing was changed.");
        }
        return new DeployAuthorization<>(who, true, null);
    }

    /** A refusal that is not about the user: the job does not own the application. */
    static <A> DeployAuthorization<A> refuse(final String stepName, final String reason) {
        return new DeployAuthorization<>(null, false, stepName + ": " + reason + " Nothing was changed.");
    }

    boolean isAllowed() {
        return refusal == null;
    }

    /** Whether the environment was protected (by the controller or the descriptor) when this was decided. */
    boolean isProtected() {
        return isProtected;
    }

    /** Why the deploy is refused; {@code null} when it is allowed. */
    String getRefusal() {
        return refusal;
    }

    /** The actor recorded: the identity decided on, else Jenkins itself. */
    Actor actor() {
        return identity == null ? BuildIdentity.actor(null, null) : BuildIdentity.actor(identity.id, identity.name);
    }

    /** A user id, display name, groups and the authentication that stands for them. */
    static final class Identity<A> {
        private final String id;
        private final String name;
        private final List<String> groups;
        private final A authentication;

        Identity(final String id, final String name, final A authentication) {
            this(id, name, List.of(), authentication);
        }

        Identity(final String id, final String name, final List<String> groups, final A authentication) {
            this.id = id;
            this.name = name;
            this.groups = List.copyOf(groups);
            this.authentication = authentication;
        }

        String getId() {
            return id;
        }

        String getName() {
            return name;
        }

        A getAuthentication() {
            return authentication;
        }
    }
}
