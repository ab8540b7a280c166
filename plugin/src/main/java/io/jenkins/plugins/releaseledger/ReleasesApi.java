package io.jenkins.plugins.releaseledger;

import hudson.model.Item;
import hudson.model.Job;
import io.releaseledger.deploy.GovernanceState;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.policy.PolicyException;
import io.releaseledger.policy.ReleasePolicy;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.WebMethod;
import org.kohsuke.stapler.verb.GET;

/**
 * The JSON API of one application's ledger (docs/releases-api.md); reading it needs {@code Item.READ} on the job, and
 * the job must own the application (else 403 with the reason: any job can name any application).
 */
public final class ReleasesApi {
    private final Job<?, ?> job;
    private final String application;

    ReleasesApi(final Job<?, ?> job, final String application) {
        this.job = job;
        this.application = application;
    }

    @GET
    @WebMethod(name = "state")
    public void doState(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        if (isRefused(rsp)) {
            return;
        }
        Map<String, Object> state = ApiResponse.stateOf(ReleaseLedgers.get().view(job, application));
        send(rsp, ApiResponse.state(state, governance(ReleaseLedgers.get().ledger(job, application), state,
                new JenkinsFacade().getApplicationPolicy(application), GovernanceEvents.shared(), Instant.now())));
    }

    /**
     * The controller's rules of the application and what waits under them; a bad setting is reported, not thrown.
     * The events it needs are read from the journal only when its head moved since the last call.
     */
    static Map<String, Object> governance(final Ledger ledger, final Map<String, Object> state,
            final ApplicationPolicy policy, final GovernanceEvents events, final Instant now) {
        if (policy == null) {
            return Map.of();
        }
        try {
            ReleasePolicy rules = GovernanceSettings.read(policy);
            return rules.getEnvironments().isEmpty() ? new LinkedHashMap<>()
                    : GovernanceState.of(events.of(ledger, state, rules), rules, now);
        } catch (PolicyException e) {
            return Map.of("error", e.getMessage());
        }
    }

    @GET
    @WebMethod(name = "history")
    public void doHistory(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        if (isRefused(rsp)) {
            return;
        }
        send(rsp, ApiResponse.history(ReleaseLedgers.get().view(job, application), req.getParameter("environment"),
                req.getParameter("page"), req.getParameter("size")));
    }

    /** {@code api/metrics?environment=&weeks=&until=&fixWindow=}: the DORA keys (docs/metrics.md); 400 on bad input. */
    @GET
    @WebMethod(name = "metrics")
    public void doMetrics(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        if (isRefused(rsp)) {
            return;
        }
        send(rsp, ApiResponse.metrics(ReleaseLedgers.get().view(job, application),
                ApiResponse.parameters(req::getParameter)));
    }

    @GET
    @WebMethod(name = "verify")
    public void doVerify(final StaplerRequest2 req, final StaplerResponse2 rsp) throws IOException {
        if (isRefused(rsp)) {
            return;
        }
        send(rsp, ApiResponse.verify(ReleaseLedgers.get().verify(job, application)));
    }

    /** Checks {@code Item.READ}, then ownership; answers 403 with the reason when the job does not own the application. */
    private boolean isRefused(final StaplerResponse2 rsp) throws IOException {
        job.checkPermission(Item.READ);
        String refusal = ReleaseLedgers.get().refusal(job, application);
        if (refusal != null) {
            rsp.sendError(HttpServletResponse.SC_FORBIDDEN, refusal);
            return true;
        }
        return false;
    }

    private static void send(final StaplerResponse2 rsp, final ApiResponse response) throws IOException {
        rsp.setStatus(response.getStatus());
        rsp.setContentType(ApiResponse.CONTENT_TYPE);
        rsp.setHeader("Cache-Control", "no-cache");
        rsp.getWriter().write(response.getBody());
    }
}
