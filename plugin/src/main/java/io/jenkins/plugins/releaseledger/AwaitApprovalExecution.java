package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.Notifier;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * {@code awaitApproval}'s wait: asynchronous ({@link #start()} returns {@code false}), no thread and no executor while
 * it waits. It looks at the ledger on Jenkins' timer ({@link ApprovalWaits}): at once, on every decision on the
 * environment from the Releases page, and every minute; it ends the step when the release is approved or rejected.
 * Its state is in serializable fields (JDK types), so after a controller restart {@link #onResume()} watches again.
 */
final class AwaitApprovalExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private final String application;
    private final String environment;
    private final String version;
    /** The build the approvals name: as given, else resolved at the first look and kept across a restart. */
    private String digest;
    private final String actorId;
    private final String actorName;
    /** The build's origin as the ledger's JSON. */
    private final String origin;
    /** When the wait began (ISO-8601): a deployment to the environment after it ends the wait. */
    private final String since = Instant.now().toString();

    private transient boolean done;
    private transient volatile String said;
    private transient Runnable look;

    @SuppressWarnings("checkstyle:ParameterNumber")
    AwaitApprovalExecution(final StepContext context, final String application, final String environment,
            final String version, final String digest, final Actor actor, final Origin origin) {
        super(context);
        this.application = application;
        this.environment = environment;
        this.version = version;
        this.digest = digest;
        this.actorId = actor.getId();
        this.actorName = actor.getName();
        this.origin = Json.write(origin.toJson());
    }

    @Override
    public boolean start() {
        watch();
        return false;
    }

    /** An abort, or an enclosing {@code timeout}: the step ends at once; the request stays in the ledger. */
    @Override
    public void stop(@NonNull final Throwable cause) {
        if (finish()) {
            getContext().onFailure(cause);
        }
    }

    /** After a controller restart: the wait goes on where it was. */
    @Override
    public void onResume() {
        watch();
    }

    @Override
    public String getStatus() {
        String line = said;
        return line == null ? "waiting for approval of " + version + " for " + environment : line;
    }

    private void watch() {
        Runnable mine;
        synchronized (this) {
            if (look == null) {
                look = this::look;
            }
            mine = look;
        }
        ApprovalWaits.get().watch(application, environment, mine);
    }

    /** One look, on the timer: ends the step when the answer is in, otherwise logs what it waits for when that changed. */
    private synchronized void look() {
        if (done) {
            return;
        }
        ApprovalLook answer;
        PrintStream log;
        Ledger ledger;
        try {
            Run<?, ?> run = getContext().get(Run.class);
            log = getContext().get(TaskListener.class).getLogger();
            ledger = ReleaseLedgers.get().ledger(run.getParent(), application);
            EnvironmentPolicy policy = GovernanceSettings.policy(new JenkinsFacade().getApplicationPolicy(application),
                    environment);
            answer = ApprovalLook.at(ledger, policy, version, digest, BuildIdentity.actor(actorId, actorName),
                    Origin.fromJson(Json.parseObject(origin)), Instant.parse(since));
        } catch (ReleaseLedgerException e) {
            fail(new AbortException(ApprovalLook.NAME + ": " + e.getMessage()));
            return;
        } catch (Exception e) {
            fail(e);
            return;
        }
        digest = answer.getDigest();
        if (!answer.getLine().equals(said)) {
            said = answer.getLine();
            log.println(said);
        }
        if (answer.isRequested()) {
            tell(log, ledger, answer.getLine());
        }
        switch (answer.getState()) {
            case APPROVED -> {
                finish();
                getContext().onSuccess(answer.result(environment, version));
            }
            case REJECTED -> fail(new AbortException(answer.getLine()));
            default -> { } // waits for the next look
        }
    }

    private void fail(final Throwable cause) {
        if (finish()) {
            getContext().onFailure(cause);
        }
    }

    /** @return whether this call ended the wait (the step's context is told exactly once) */
    private synchronized boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        if (look != null) {
            ApprovalWaits.get().unwatch(application, environment, look);
        }
        return true;
    }

    /**
     * {@code approval.needed} to the configured webhooks and mail, once per release and requester (the look that
     * recorded the request), on {@link ApprovalNotices}' threads: the look returns at once. The round's outcome goes to
     * the ledger; never fails the step.
     */
    private void tell(final PrintStream log, final Ledger ledger, final String waitingFor) {
        Origin from = Origin.fromJson(Json.parseObject(origin));
        Messages messages = new Messages();
        try {
            NotificationEvent event = new NotificationEvent(NotificationKind.APPROVAL_NEEDED, application, environment,
                    version).setActor(actorName != null ? actorName : actorId).setLink(from.getUrl())
                    .setReason(waitingFor);
            Notifier notifier = new JenkinsFacade().getNotifier(messages, new SecretMask(List.of()));
            ApprovalNotices.get().send(notifier, messages, event, ledger, BuildIdentity.actor(actorId, actorName), from,
                    said -> toBuildLog(log, said));
        } catch (RuntimeException e) {
            log.println("WARNING: " + ApprovalLook.NAME + ": approval.needed was not sent: " + e.getMessage());
        }
    }

    /**
     * What a round said, in the build log while the step runs. Once it ended (approved, rejected, aborted) its log is
     * not written to: {@link ApprovalNotices} puts the lines in Jenkins' log; the outcome is in the ledger either way.
     */
    private synchronized boolean toBuildLog(final PrintStream log, final List<Message> said) {
        if (done) {
            return false;
        }
        SecretMask none = new SecretMask(List.of());
        said.forEach(message -> ControllerSetup.print(log, none, message));
        return true;
    }
}
