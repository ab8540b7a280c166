package io.jenkins.plugins.releaseledger;

import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.releaseledger.deploy.NotificationLedger;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationRecord;
import io.releaseledger.notify.Notifier;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends {@code awaitApproval}'s {@code approval.needed} rounds on the plugin's own few daemon threads, never on
 * Jenkins' shared timer: a round may wait up to the notification bound (120 s at most) for a webhook or a mail server,
 * while a look must be quick. Rounds beyond {@link #THREADS} queue; each is bounded, so the queue drains. The round's
 * outcome goes to the ledger; its messages go to the build log while the step runs, else to Jenkins' system log.
 */
final class ApprovalNotices {
    /** At most this many rounds at once: each holds its thread for at most the notification bound. */
    static final int THREADS = 2;
    static final String THREAD_NAME = "Release Ledger approval notifications";
    private static final long IDLE_SECONDS = 60;
    private static final Logger LOGGER = Logger.getLogger(ApprovalNotices.class.getName());

    private final ExecutorService rounds;

    /** @param threads makes the round threads (Jenkins': named daemon threads; tests give their own) */
    ApprovalNotices(final ThreadFactory threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true); // no thread is kept while no step waits
        this.rounds = pool;
    }

    static ApprovalNotices get() {
        return Shared.INSTANCE;
    }

    /** Jenkins' thread factories are only made when a step first asks, in Jenkins. */
    private static final class Shared {
        static final ApprovalNotices INSTANCE = new ApprovalNotices(
                new NamingThreadFactory(new DaemonThreadFactory(), THREAD_NAME));
    }

    /**
     * Starts a round and returns at once; never throws for what the round meets.
     *
     * @param messages where {@code notifier} reports (it was built with them); read when the round ended
     * @param buildLog prints the round's messages in the build log and says whether it did: {@code false} once the
     *                 step ended, so that nothing is written to the log of a step that is over
     * @return the round, done when its outcome is in the ledger and its messages were passed on
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    Future<?> send(final Notifier notifier, final Messages messages, final NotificationEvent event, final Ledger ledger,
            final Actor actor, final Origin origin, final Predicate<List<Message>> buildLog) {
        return rounds.submit(() -> round(notifier, messages, event, ledger, actor, origin, buildLog));
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static void round(final Notifier notifier, final Messages messages, final NotificationEvent event,
            final Ledger ledger, final Actor actor, final Origin origin, final Predicate<List<Message>> buildLog) {
        try {
            NotificationLedger.record(ledger, event.getEnvironment(), actor, origin,
                    new NotificationRecord(event, notifier.send(event)), messages);
        } catch (RuntimeException e) { // a notifier must not throw; if one does, the wait goes on all the same
            messages.warning("%s: %s was not sent: %s", ApprovalLook.NAME, event.getKind().key(), e.getMessage());
        }
        List<Message> said = messages.getAll();
        if (said.isEmpty() || buildLog.test(said)) {
            return;
        }
        for (Message message : said) {
            LOGGER.log(message.getLevel() == Message.Level.INFO ? Level.INFO : Level.WARNING,
                    "{0} of {1} {2} for {3}, after the step ended: {4}", new Object[] {event.getKind().key(),
                        event.getApplication(), event.getVersion(), event.getEnvironment(), message.getText()});
        }
    }
}
