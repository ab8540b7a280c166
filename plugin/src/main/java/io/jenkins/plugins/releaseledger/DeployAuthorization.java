package io.jenkins.plugins.releaseledger;

import io.releaseledger.ledger.Actor;
import java.util.function.Predicate;

/**
 * Who deploys and whether they may: the build's own identity (set by the Authorize Project plugin), else the user who
 * started the build; for a protected environment that identity needs the permission, and without one the deploy is
 * refused. The identity checked is the one recorded as the actor. Jenkins-free: {@link DeployIdentity} gives it the
 * identities and the permission check.
 *
 * @param <A> the authentication type (Spring's in Jenkins)
 */
final class DeployAuthorization<A> {
    static final String PERMISSION = "Release Ledger » Deploy to protected environments";

    private final Identity<A> identity;
    private final String refusal;

    private DeployAuthorization(final Identity<A> identity, final String refusal) {
        this.identity = identity;
        this.refusal = refusal;
    }

    /**
     * @param build       the build's authentication when it is not SYSTEM (Authorize Project), else {@code null}
     * @param starter     the user of the build's {@code UserIdCause}, else {@code null}
     * @param mayDeploy   whether an authentication has the permission on the job
     */
    static <A> DeployAuthorization<A> decide(final String stepName, final String environment, final boolean isProtected,
            final Identity<A> build, final Identity<A> starter, final Predicate<A> mayDeploy) {
        Identity<A> who = build != null ? build : starter;
        if (!isProtected) {
            return new DeployAuthorization<>(who, null);
        }
        if (who == null) {
            return new DeployAuthorization<>(null, stepName + ": the environment '" + environment + "' is protected, and "
                    + "no user stands behind this build (it runs as SYSTEM and was started by a timer, an SCM change or "
                    + "another build). Configure the Authorize Project plugin to run this job as a user who has the '"
                    + PERMISSION + "' permission, or start the build by hand.");
        }
        if (!mayDeploy.test(who.authentication)) {
            return new DeployAuthorization<>(who, stepName + ": " + who.id + " may not deploy to the protected "
                    + "environment '" + environment + "': the '" + PERMISSION + "' permission on this job is missing. "
                    + "Nothing was changed.");
        }
        return new DeployAuthorization<>(who, null);
    }

    boolean isAllowed() {
        return refusal == null;
    }

    /** Why the deploy is refused; {@code null} when it is allowed. */
    String getRefusal() {
        return refusal;
    }

    /** The actor recorded: the identity decided on, else Jenkins itself. */
    Actor actor() {
        return identity == null ? BuildIdentity.actor(null, null) : BuildIdentity.actor(identity.id, identity.name);
    }

    /** A user id, display name and the authentication that stands for them. */
    static final class Identity<A> {
        private final String id;
        private final String name;
        private final A authentication;

        Identity(final String id, final String name, final A authentication) {
            this.id = id;
            this.name = name;
            this.authentication = authentication;
        }

        String getId() {
            return id;
        }
    }
}
