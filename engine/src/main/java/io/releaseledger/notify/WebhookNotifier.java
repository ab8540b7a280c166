package io.releaseledger.notify;

import io.releaseledger.report.Messages;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts each event to its webhooks, all at once, each with retries and backoff (connection failures, timeouts,
 * {@code 429} and {@code 5xx}), and returns after {@link #setTotalTimeout} at the latest whatever the receivers do: a
 * receiver still busy then is left behind. Never throws; what failed goes to the messages as a warning that names the
 * webhook, never its URL. Secrets (the webhook URLs and what {@link #setMasked} gives) are masked in every body.
 */
public final class WebhookNotifier implements Notifier {
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "release-ledger-webhook");
        thread.setDaemon(true);
        return thread;
    });

    private final List<WebhookTarget> targets;
    private final HttpClient client;
    private Duration attemptTimeout = Duration.ofSeconds(5);
    private Duration totalTimeout = Duration.ofSeconds(15);
    private Attempts attempts = Attempts.upTo(4);
    private Masker masker;
    private final List<String> masked = new ArrayList<>();
    private Messages messages = new Messages();

    public WebhookNotifier(final List<WebhookTarget> targets) {
        this.targets = List.copyOf(targets);
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(attemptTimeout).build();
        this.masker = masker();
    }

    /** One attempt's bound (default 5 s). */
    public WebhookNotifier setAttemptTimeout(final Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
        return this;
    }

    /** How long {@link #notify} may take at most, retries included (default 15 s). */
    public WebhookNotifier setTotalTimeout(final Duration totalTimeout) {
        this.totalTimeout = totalTimeout;
        return this;
    }

    /** Attempts per webhook and event and the wait between them (default {@code Attempts.upTo(4)}). */
    public WebhookNotifier setAttempts(final Attempts attempts) {
        this.attempts = attempts;
        return this;
    }

    Attempts getAttempts() {
        return attempts;
    }

    /** Values that must never reach a body, such as the build's credentials. */
    public WebhookNotifier setMasked(final Collection<String> secrets) {
        masked.clear();
        masked.addAll(secrets);
        masker = masker();
        return this;
    }

    public WebhookNotifier setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    private Masker masker() {
        List<String> secrets = new ArrayList<>(masked);
        targets.forEach(target -> secrets.addAll(Masker.partsOf(target.getUrl())));
        return new Masker(secrets);
    }

    @Override
    public void notify(final NotificationEvent event) {
        send(event);
    }

    /** Each webhook that wants the event, by its name: never its URL. */
    @Override
    public List<NotificationDelivery> send(final NotificationEvent event) {
        try {
            return sendAll(masker.mask(event));
        } catch (RuntimeException e) {
            messages.warning("Notification %s not sent: %s", event, masker.mask(String.valueOf(e.getMessage())));
            return List.of();
        }
    }

    private List<NotificationDelivery> sendAll(final NotificationEvent event) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        Map<WebhookTarget, CompletableFuture<String>> sending = new LinkedHashMap<>();
        Map<WebhookTarget, AtomicInteger> attempts = new LinkedHashMap<>();
        for (WebhookTarget target : targets) {
            if (target.wants(event.getKind())) {
                AtomicInteger attempted = new AtomicInteger();
                attempts.put(target, attempted);
                sending.put(target, CompletableFuture.supplyAsync(() -> deliver(target, event, deadline, attempted),
                        SENDERS));
            }
        }
        List<NotificationDelivery> deliveries = new ArrayList<>();
        for (Map.Entry<WebhookTarget, CompletableFuture<String>> entry : sending.entrySet()) {
            String problem;
            try {
                problem = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                entry.getValue().cancel(true);
                problem = "no answer within " + totalTimeout.toSeconds() + " s";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
            } catch (ExecutionException e) {
                problem = masker.mask(String.valueOf(e.getCause()));
            }
            if (problem != null) {
                messages.warning("Webhook %s was not notified of %s (%s); the deploy goes on.", entry.getKey().getName(),
                        event.getKind().key(), problem);
            }
            deliveries.add(new NotificationDelivery("webhook", entry.getKey().getName(), problem == null,
                    attempts.get(entry.getKey()).get(), masker.mask(problem)));
        }
        return deliveries;
    }

    /** @return {@code null} when delivered, else what went wrong last, without the URL */
    private String deliver(final WebhookTarget target, final NotificationEvent event, final long deadline,
            final AtomicInteger attempted) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.getUrl())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "release-ledger")
                .POST(HttpRequest.BodyPublishers.ofString(target.getFormat().body(event), StandardCharsets.UTF_8));
        return attempts.deliver(remaining -> {
            HttpResponse<Void> response = client.send(request.copy()
                    .timeout(Attempts.min(attemptTimeout, remaining)).build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return null;
            }
            // 429 and 5xx may pass; any other answer will not change by asking again
            return status == 429 || status >= 500 ? Attempts.Problem.retry("HTTP " + status)
                    : Attempts.Problem.giveUp("HTTP " + status);
        }, deadline, attempted, masker);
    }
}
