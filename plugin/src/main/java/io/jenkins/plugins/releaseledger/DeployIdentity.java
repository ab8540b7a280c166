package io.jenkins.plugins.releaseledger;

import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.User;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Gives {@link DeployAuthorization} the build's identities and the permission check, from Jenkins. */
final class DeployIdentity {
    private DeployIdentity() {
    }

    static DeployAuthorization<Authentication> authorize(final String stepName, final Run<?, ?> run, final String environment,
            final boolean isProtected) {
        Job<?, ?> job = run.getParent();
        return DeployAuthorization.decide(stepName, environment, isProtected, build(job), starter(run),
                authentication -> job.getACL().hasPermission2(authentication, ReleaseLedgerPermissions.DEPLOY_PROTECTED));
    }

    /** The build's authentication as Authorize Project configures it; {@code null} when it is SYSTEM (the default). */
    private static DeployAuthorization.Identity<Authentication> build(final Job<?, ?> job) {
        if (!(job instanceof Queue.Task task)) {
            return null;
        }
        Authentication authentication = Tasks.getAuthenticationOf2(task);
        if (authentication == ACL.SYSTEM2 || ACL.SYSTEM_USERNAME.equals(authentication.getName())) {
            return null;
        }
        User user = User.getById(authentication.getName(), false);
        return new DeployAuthorization.Identity<>(authentication.getName(),
                user == null ? authentication.getName() : user.getFullName(), authentication);
    }

    /** The user who started the build by hand, as that user; {@code null} when none or unknown to the security realm. */
    private static DeployAuthorization.Identity<Authentication> starter(final Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        if (cause == null || cause.getUserId() == null) {
            return null;
        }
        User user = User.getById(cause.getUserId(), false);
        if (user == null) {
            return null;
        }
        try {
            return new DeployAuthorization.Identity<>(user.getId(), user.getFullName(), user.impersonate2());
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }
}
