package io.jenkins.plugins.releaseledger;

import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.PendingApprovals;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.policy.EnvironmentPolicy;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.ParameterizedJobMixIn;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/** {@code <job>/releases/<token>/}: the Releases page of one application the job touched. */
public final class ApplicationReleases {
    private final ReleasesAction action;
    private final String application;

    ApplicationReleases(final ReleasesAction action, final String application) {
        this.action = action;
        this.application = application;
    }

    public ReleasesAction getAction() {
        return action;
    }

    public Job<?, ?> getJob() {
        return action.getJob();
    }

    public String getApplication() {
        return application;
    }

    /** This application's path segment below {@code releases/}. */
    public String getToken() {
        return Applications.urlToken(application);
    }

    /** {@code api/state}, {@code api/history}, {@code api/verify}. */
    public ReleasesApi getApi() {
        return new ReleasesApi(action.getJob(), application);
    }

    /** Whether the current user may clear bad marks here: the page shows the forms only then. */
    public boolean isClearBadAllowed() {
        return getJob().hasPermission(ReleaseLedgerPermissions.CLEAR_BAD);
    }

    /** The versions marked bad, each {@code {version, reason}}, for the clear-bad forms; empty without the permission. */
    public List<Map<String, Object>> getBadReleases() {
        Map<String, Object> state = stateFor(isClearBadAllowed());
        List<Map<String, Object>> bad = new ArrayList<>();
        if (state.get("badReleases") instanceof List<?> releases) {
            for (Object release : releases) {
                if (release instanceof Map<?, ?> map) {
                    bad.add(Map.of("version", String.valueOf(map.get("version")),
                            "reason", String.valueOf(map.get("reason"))));
                }
            }
        }
        return bad;
    }

    /** Whether the current user may unlock environments here: the page shows the unlock forms only then. */
    public boolean isUnlockAllowed() {
        return getJob().hasPermission(ReleaseLedgerPermissions.UNLOCK);
    }

    /**
     * The locked environments, each {@code {environment, version, since, purpose}}, for the unlock forms; empty without
     * the permission.
     */
    public List<Map<String, Object>> getLockedEnvironments() {
        return LockedEnvironments.of(stateFor(isUnlockAllowed()));
    }

    /** Whether the current user may approve or reject releases here: the page shows the approval forms only then. */
    public boolean isApproveAllowed() {
        return getJob().hasPermission(ReleaseLedgerPermissions.APPROVE);
    }

    /**
     * The releases waiting for approval in the application's environments, each {@code {environment, version, digest,
     * requestedBy, at, waitingFor}}, for the approval forms; empty without the permission.
     */
    public List<Map<String, Object>> getPendingApprovals() {
        Map<String, Object> state = stateFor(isApproveAllowed());
        if (state.isEmpty()) {
            return List.of();
        }
        ApplicationPolicy policy = new JenkinsFacade().getApplicationPolicy(application);
        List<Map<String, Object>> pending = new ArrayList<>();
        if (policy == null) {
            return pending;
        }
        // one read of the journal per head for every environment, not one per environment and page view
        List<LedgerEvent> events = GovernanceEvents.shared().of(ReleaseLedgers.get().ledger(getJob(), application),
                state, GovernanceSettings.read(policy));
        for (ProtectedEnvironment environment : policy.getProtectedEnvironments()) {
            pending.addAll(PendingApprovals.of(events, GovernanceSettings.policy(policy, environment.getName())));
        }
        return pending;
    }

    /** The ledger's state for a form the user is {@code allowed} to use; empty without Read or when the job may not read it. */
    private Map<String, Object> stateFor(final boolean allowed) {
        if (!allowed || !getJob().hasPermission(Item.READ) || ReleaseLedgers.get().refusal(getJob(), application) != null) {
            return Map.of();
        }
        return ReleaseLedgers.get().view(getJob(), application).state();
    }

    /**
     * {@code POST clearBad} with {@code version} and {@code reason}: records {@code release.bad-cleared} with the
     * signed-in user as actor. Needs {@link ReleaseLedgerPermissions#CLEAR_BAD} on the job; Jenkins checks the CSRF
     * crumb of every POST before this runs.
     */
    @RequirePOST
    public void doClearBad(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        Job<?, ?> job = getJob();
        job.checkPermission(ReleaseLedgerPermissions.CLEAR_BAD);
        JenkinsFacade jenkins = new JenkinsFacade();
        String userId = jenkins.getCurrentUserId();
        String userName = jenkins.getDisplayName(userId);
        try {
            ClearBad.clear(ReleaseLedgers.get().ledger(job, application), req.getParameter("version"),
                    req.getParameter("reason"), userId, userName, job.getFullName(), jenkins.getRootUrl(), getToken());
        } catch (ApplicationNotOwnedException e) {
            rsp.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        } catch (ReleaseLedgerException e) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        rsp.sendRedirect(".");
    }

    /**
     * {@code POST approve} with {@code environment}, {@code version}, {@code digest} and {@code comment}: records
     * {@code approval.granted} for that exact release with the signed-in user as actor, and wakes the steps waiting for
     * it. Needs {@link ReleaseLedgerPermissions#APPROVE} on the job; the environment's approvers (users or groups) and
     * the ban on self-approval are checked by the engine.
     */
    @RequirePOST
    public void doApprove(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        decide(true, req, rsp);
    }

    /** {@code POST reject}: as {@link #doApprove}, recording {@code approval.rejected}; the comment is required. */
    @RequirePOST
    public void doReject(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        decide(false, req, rsp);
    }

    private void decide(final boolean granted, final StaplerRequest2 req, final StaplerResponse2 rsp)
            throws IOException {
        Job<?, ?> job = getJob();
        job.checkPermission(ReleaseLedgerPermissions.APPROVE);
        JenkinsFacade jenkins = new JenkinsFacade();
        String userId = jenkins.getCurrentUserId();
        String environment = DeployOptions.blankToNull(req.getParameter("environment"));
        try {
            EnvironmentPolicy policy = GovernanceSettings.policy(jenkins.getApplicationPolicy(application),
                    environment == null ? "" : environment);
            PageApproval.decide(ReleaseLedgers.get().ledger(job, application), policy, granted,
                    req.getParameter("version"), req.getParameter("digest"), req.getParameter("comment"), userId,
                    jenkins.getDisplayName(userId), jenkins.getGroups(jenkins.getAuthentication()), job.getFullName(),
                    jenkins.getRootUrl(), getToken());
        } catch (ApplicationNotOwnedException e) {
            rsp.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        } catch (ReleaseLedgerException e) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        rsp.sendRedirect(".");
    }

    /**
     * {@code POST unlock} with {@code environment} and {@code reason}: releases the environment's lock whatever holds
     * it, recording {@code environment.unlocked} ({@code forced}, the reason) with the signed-in user as actor; the next
     * deploy reconciles what the holder's deploy left. Needs {@link ReleaseLedgerPermissions#UNLOCK} on the job.
     */
    @RequirePOST
    public void doUnlock(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        Job<?, ?> job = getJob();
        job.checkPermission(ReleaseLedgerPermissions.UNLOCK);
        JenkinsFacade jenkins = new JenkinsFacade();
        String userId = jenkins.getCurrentUserId();
        try {
            PageUnlock.unlock(ReleaseLedgers.get().ledger(job, application), req.getParameter("environment"),
                    req.getParameter("reason"), userId, jenkins.getDisplayName(userId), job.getFullName(),
                    jenkins.getRootUrl(), getToken());
        } catch (ApplicationNotOwnedException e) {
            rsp.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        } catch (ReleaseLedgerException e) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        rsp.sendRedirect(".");
    }

    /** Whether the current user may roll back from this page: the page shows the rollback forms only then. */
    public boolean isRollbackAllowed() {
        return getJob().hasPermission(ReleaseLedgerPermissions.ROLLBACK);
    }

    /**
     * {@code POST rollback} with {@code environment}, {@code reason} and optionally {@code version}: checks the request
     * against the ledger, then starts this job with a {@link PageRollbackCause} (the signed-in user) and a {@link
     * PageRollbackRequest} whose variables the Jenkinsfile gives its {@code rollback} step. The rollback runs there, on
     * the build's agent with the job's credentials, recorded like any rollback; never here on the controller. Needs
     * {@link ReleaseLedgerPermissions#ROLLBACK} on the job; Jenkins checks the CSRF crumb of every POST before this runs.
     */
    @RequirePOST
    public void doRollback(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        Job<?, ?> job = getJob();
        job.checkPermission(ReleaseLedgerPermissions.ROLLBACK);
        JenkinsFacade jenkins = new JenkinsFacade();
        String userId = jenkins.getCurrentUserId();
        String environment = DeployOptions.blankToNull(req.getParameter("environment"));
        String reason = DeployOptions.blankToNull(req.getParameter("reason"));
        String version;
        try {
            version = PageRollback.check(ReleaseLedgers.get().ledger(job, application), environment,
                    req.getParameter("version"), reason);
        } catch (ApplicationNotOwnedException e) {
            rsp.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        } catch (ReleaseLedgerException e) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, 0,
                new CauseAction(new PageRollbackCause(userId, environment, version, reason)),
                new PageRollbackRequest(environment, version, reason, userId));
        if (item == null) {
            rsp.sendError(HttpServletResponse.SC_CONFLICT, "Cannot start " + job.getFullName() + " for the rollback of "
                    + environment + ": the job is disabled or cannot be built. Nothing was changed.");
            return;
        }
        rsp.sendRedirect(".");
    }
}
