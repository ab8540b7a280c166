package io.releaseledger.testing;

import io.releaseledger.testing.Component.Availability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The real probes behind {@link Component}: each runs something or talks to something, never guesses. */
final class Probes {
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final String DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";

    private Probes() {
    }

    static Availability git() {
        return runVersion("git", List.of("--version"));
    }

    static Availability swarm() {
        Exec.Result result;
        try {
            result = Exec.run(null, java.time.Duration.ofSeconds(20), List.of("docker", "info", "--format",
                    "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"));
        } catch (RuntimeException e) {
            return Availability.missing("docker info failed: " + e.getMessage());
        }
        String state = result.output.strip();
        return result.exitCode == 0 && state.equals("active true") ? Availability.found("swarm manager (" + state + ")")
                : Availability.missing("docker info says '" + state + "', not an active swarm manager");
    }

    static Availability haproxy() {
        return runVersion("haproxy", List.of("-v"));
    }

    static Availability chromium() {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium)) {
            return Availability.missing(chromium + " is not an executable file");
        }
        if (!Files.isExecutable(driver)) {
            return Availability.missing(driver + " is not an executable file");
        }
        return Availability.found(chromium + " and " + driver);
    }

    static Availability docker() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            host = "unix://" + DEFAULT_DOCKER_SOCKET;
        }
        try {
            String response;
            if (host.startsWith("unix://")) {
                Path socket = Path.of(host.substring("unix://".length()));
                if (!Files.exists(socket)) {
                    return Availability.missing("no socket " + socket + " (DOCKER_HOST=" + host + ")");
                }
                response = pingUnixSocket(socket);
            } else if (host.startsWith("tcp://")) {
                URI uri = URI.create(host.replaceFirst("^tcp://", "http://"));
                InetAddress address = InetAddress.getByName(uri.getHost());
                if (!address.isLoopbackAddress()) {
                    return Availability.missing("DOCKER_HOST=" + host + " is not a loopback address; not probed");
                }
                response = pingTcp(new InetSocketAddress(address, uri.getPort() < 0 ? 2375 : uri.getPort()));
            } else {
                return Availability.missing("DOCKER_HOST=" + host + " is neither unix:// nor tcp://");
            }
            if (response.matches("HTTP/1\\.[01] 200 .*") && response.endsWith(" … OK")) {
                return Availability.found("Docker engine answering on " + host);
            }
            return Availability.missing("Docker engine on " + host + " answered /_ping with: "
                    + firstLine(response));
        } catch (IOException | RuntimeException e) {
            return Availability.missing("no Docker engine answers on " + host + ": " + e);
        }
    }

    static Availability registry() {
        String address = registryAddress();
        try {
            URI uri = URI.create("http://" + address + "/v2/");
            if (uri.getHost() == null || !InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                return Availability.missing("registry address " + address + " is not a loopback address; not probed");
            }
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            try {
                int status = connection.getResponseCode();
                String api = connection.getHeaderField("Docker-Distribution-Api-Version");
                if ((status == 200 || status == 401) && api != null && api.startsWith("registry/2")) {
                    return Availability.found("Docker Distribution (" + api + ") at " + uri);
                }
                return Availability.missing(uri + " answered HTTP " + status + " without the registry/2.0 header");
            } finally {
                connection.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            return Availability.missing("no registry answers on http://" + address + "/v2/: " + e);
        }
    }

    static String registryAddress() {
        String address = System.getProperty("releaseledger.registry");
        if (address == null || address.isBlank()) {
            address = System.getenv("RELEASE_LEDGER_REGISTRY");
        }
        return address == null || address.isBlank() ? "127.0.0.1:5000" : address.trim();
    }

    static Availability dockerTls() {
        Path client = dockerTlsClientDirectory();
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            if (!Files.isReadable(client.resolve(file))) {
                return Availability.missing(client.resolve(file) + " is not a readable file");
            }
        }
        Optional<Path> curl = onPath("curl");
        if (curl.isEmpty()) {
            return Availability.missing("curl not found on PATH (it does the TLS handshake of the probe)");
        }
        String url = "https://127.0.0.1:" + dockerTlsPort() + "/_ping";
        try {
            Exec.Result result = Exec.run(null, java.time.Duration.ofMillis(2L * TIMEOUT_MILLIS), List.of(
                    curl.get().toString(), "-sS", "--max-time", "5", "--noproxy", "*",
                    "--cacert", client.resolve("ca.pem").toString(), "--cert", client.resolve("cert.pem").toString(),
                    "--key", client.resolve("key.pem").toString(), url));
            if (result.exitCode == 0 && "OK".equals(result.output.strip())) {
                return Availability.found("TLS Docker engine answering on " + url);
            }
            return Availability.missing("no TLS Docker engine answers on " + url + ": " + firstLine(result.output));
        } catch (RuntimeException e) {
            return Availability.missing("no TLS Docker engine answers on " + url + ": " + e);
        }
    }

    static int dockerTlsPort() {
        String port = System.getenv("RELEASE_LEDGER_DOCKER_TLS_PORT");
        return port == null || port.isBlank() ? 23760 : Integer.parseInt(port.trim());
    }

    static Path dockerTlsClientDirectory() {
        String state = System.getenv("RELEASE_LEDGER_SERVICES_DIR");
        return Path.of(state == null || state.isBlank() ? "/var/lib/release-ledger-test-services" : state.trim(),
                "docker-tls", "client");
    }

    /** Finds {@code name} on {@code PATH} (and /usr/sbin, /sbin, where Debian puts daemons). */
    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + java.io.File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Availability runVersion(String name, List<String> arguments) {
        Optional<Path> binary = onPath(name);
        if (binary.isEmpty()) {
            return Availability.missing(name + " not found on PATH");
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(binary.get().toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Availability.missing(String.join(" ", command) + " did not finish in time");
            }
            String text = firstLine(new String(output, StandardCharsets.UTF_8));
            if (process.exitValue() != 0) {
                return Availability.missing(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
            }
            return Availability.found(text + " (" + binary.get() + ")");
        } catch (IOException e) {
            return Availability.missing("cannot run " + binary.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.missing("interrupted while running " + binary.get());
        }
    }

    private static String pingUnixSocket(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(pingRequest()));
            // A blocking channel has no read timeout: a watchdog closes it if the engine does not answer.
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(TIMEOUT_MILLIS);
                    channel.close();
                } catch (InterruptedException | IOException ignored) {
                    // done, or closed already
                }
            }, "docker-ping-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                while (channel.read(buffer) >= 0) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                return body(out.toString(StandardCharsets.ISO_8859_1));
            } finally {
                watchdog.interrupt();
            }
        }
    }

    private static String pingTcp(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(pingRequest());
            out.flush();
            return body(new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1));
        }
    }

    private static byte[] pingRequest() {
        return "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** Status line plus body, trimmed: "HTTP/1.0 200 OK ... OK". */
    private static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        String status = firstLine(response);
        return end < 0 ? status : status + " … " + response.substring(end + 4).trim();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }
}
