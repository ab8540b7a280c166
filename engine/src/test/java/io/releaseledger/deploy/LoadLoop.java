package io.releaseledger.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent clients sending {@code GET /version} through the HAProxy frontend on 127.0.0.1 until stopped (and at
 * most two minutes): counts answers by version and every failure (a status other than 200, or an I/O error).
 */
final class LoadLoop {
    private static final long LIMIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final URI uri;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());

    LoadLoop(final int frontendPort, final int clients) {
        uri = URI.create("http://127.0.0.1:" + frontendPort + "/version");
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::run, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    LoadLoop start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void run() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (!stop.get() && System.nanoTime() < deadline) {
            requests.incrementAndGet();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    versions.computeIfAbsent(response.body().strip(), key -> new AtomicInteger()).incrementAndGet();
                } else {
                    fail("status " + response.statusCode() + ": " + response.body().strip());
                }
            } catch (Exception e) {
                fail(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private void fail(final String what) {
        failures.incrementAndGet();
        if (failureSamples.size() < 10) {
            failureSamples.add(what);
        }
    }

    /** Waits (bounded) until at least {@code count} requests were sent, so the loop runs before the deploy starts. */
    LoadLoop awaitRequests(final int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (requests.get() < count && System.nanoTime() < deadline) {
            DeployHaproxy.sleep(10);
        }
        return this;
    }

    LoadLoop stop() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
        return this;
    }

    int requests() {
        return requests.get();
    }

    int failures() {
        return failures.get();
    }

    List<String> failureSamples() {
        return new ArrayList<>(failureSamples);
    }

    Map<String, AtomicInteger> versions() {
        return versions;
    }

    @Override
    public String toString() {
        return requests + " requests, " + failures + " failed " + failureSamples + ", answers by version " + versions;
    }
}
