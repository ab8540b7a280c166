package io.releaseledger.cli;

import io.releaseledger.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** {@code release-ledger serve} running in-process on 127.0.0.1 and a free port, until closed. */
final class ServeFixture implements AutoCloseable {
    private final Thread thread;
    private final URI uri;
    private volatile Cli.Result result;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServeFixture(final Path ledgerRoot, final String... extraArgs) {
        int port = FreePorts.next();
        uri = URI.create("http://127.0.0.1:" + port + "/");
        String[] args = new String[5 + extraArgs.length];
        args[0] = "serve";
        args[1] = "--ledger";
        args[2] = ledgerRoot.toString();
        args[3] = "--port";
        args[4] = String.valueOf(port);
        System.arraycopy(extraArgs, 0, args, 5, extraArgs.length);
        thread = new Thread(() -> result = Cli.withEnvironment(Map.of()).run(args), "serve-fixture");
        thread.setDaemon(true);
        thread.start();
    }

    static ServeFixture start(final Path ledgerRoot, final String... extraArgs) {
        ServeFixture serve = new ServeFixture(ledgerRoot, extraArgs);
        serve.awaitUp();
        return serve;
    }

    URI uri() {
        return uri;
    }

    HttpResponse<String> get(final String path) {
        return send(HttpRequest.newBuilder(uri.resolve(path)).GET().timeout(Duration.ofSeconds(20)).build());
    }

    HttpResponse<String> send(final HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (result != null) {
                throw new IllegalStateException("serve ended: " + result);
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", uri.getPort())) {
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException("serve did not listen on " + uri + " within 30 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server and returns what the command printed. */
    Cli.Result stop() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    @Override
    public void close() {
        stop();
    }
}
