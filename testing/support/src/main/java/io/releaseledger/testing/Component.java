package io.releaseledger.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A real component that a test needs. Each one is probed for real (a process run, a socket pinged), once
 * per JVM; {@link #availability()} returns the cached result.
 *
 * <p>{@code sudo scripts/test-services.sh start} installs and starts all of them on Debian.
 */
public enum Component {
    /** C git on {@code PATH} ({@code git --version} succeeds). */
    GIT("C git on PATH", Probes::git),
    /**
     * A Docker engine answering {@code GET /_ping} on {@code DOCKER_HOST} (a {@code unix://} socket or a
     * loopback {@code tcp://} address), else on {@code /var/run/docker.sock}.
     */
    DOCKER("a Docker engine answering on DOCKER_HOST or /var/run/docker.sock", Probes::docker),
    /**
     * Docker Distribution answering {@code http://<address>/v2/}; the address is
     * {@link #registryAddress()} (env {@code RELEASE_LEDGER_REGISTRY}, default {@code 127.0.0.1:5000}).
     */
    REGISTRY("a Docker registry answering http://" + Probes.registryAddress() + "/v2/", Probes::registry),
    /**
     * The Docker engine of {@link #DOCKER} is the manager of an active swarm ({@code docker info} says
     * {@code active true}); {@code scripts/test-services.sh start} runs {@code docker swarm init} on 127.0.0.1.
     */
    SWARM("the local Docker engine as an active swarm manager (docker swarm init --advertise-addr 127.0.0.1)",
            Probes::swarm),
    /** The {@code haproxy} binary on {@code PATH} ({@code haproxy -v} succeeds). */
    HAPROXY("the haproxy binary on PATH", Probes::haproxy),
    /** {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, both executable. */
    CHROMIUM("/usr/bin/chromium and /usr/bin/chromedriver", Probes::chromium),
    /**
     * A second Docker engine that only takes TLS clients: {@code GET /_ping} over
     * {@code https://127.0.0.1:<}{@link #dockerTlsPort()}{@code >} with the client certificate of
     * {@link #dockerTlsClientDirectory()} answers {@code OK} ({@code curl} does the handshake).
     */
    DOCKER_TLS("a TLS-only Docker engine on tcp://127.0.0.1:" + Probes.dockerTlsPort() + " with the client files of "
            + Probes.dockerTlsClientDirectory(), Probes::dockerTls);

    /** How to get every component, named in each notice. */
    public static final String HOW_TO_GET = "sudo scripts/test-services.sh start";

    private static final Map<Component, Availability> CACHE = new ConcurrentHashMap<>();

    private final String description;
    private final Supplier<Availability> probe;

    Component(String description, Supplier<Availability> probe) {
        this.description = description;
        this.probe = probe;
    }

    /** What this component is, in a few words ("the haproxy binary on PATH"). */
    public String getDescription() {
        return description;
    }

    /** Whether this component is there; probed on the first call, cached for the JVM afterwards. */
    public Availability availability() {
        return CACHE.computeIfAbsent(this, component -> component.probe.get());
    }

    /** Shortcut for {@code availability().isAvailable()}. */
    public boolean isAvailable() {
        return availability().isAvailable();
    }

    /**
     * The registry's {@code host:port}: env {@code RELEASE_LEDGER_REGISTRY} (or system property
     * {@code releaseledger.registry}), default {@code 127.0.0.1:5000}. Only loopback addresses are probed.
     */
    public static String registryAddress() {
        return Probes.registryAddress();
    }

    /** Port of the TLS engine on 127.0.0.1: env {@code RELEASE_LEDGER_DOCKER_TLS_PORT}, default 23760. */
    public static int dockerTlsPort() {
        return Probes.dockerTlsPort();
    }

    /**
     * The TLS engine's client files, {@code ca.pem}, {@code cert.pem} and {@code key.pem}: the {@code docker-tls/client}
     * directory of the test services' state ({@code RELEASE_LEDGER_SERVICES_DIR}, default
     * {@code /var/lib/release-ledger-test-services}).
     */
    public static java.nio.file.Path dockerTlsClientDirectory() {
        return Probes.dockerTlsClientDirectory();
    }

    /** The outcome of one probe: available or not, and what was found or what is missing. */
    public static final class Availability {
        private final boolean available;
        private final String detail;

        Availability(boolean available, String detail) {
            this.available = available;
            // one line: the skip notice prints it, and a failing command's output ("docker info") spans several
            this.detail = detail == null ? "" : detail.strip().replaceAll("\\s*\\R\\s*", " / ");
        }

        static Availability found(String detail) {
            return new Availability(true, detail);
        }

        static Availability missing(String detail) {
            return new Availability(false, detail);
        }

        public boolean isAvailable() {
            return available;
        }

        /** What the probe found ("git version 2.39.5") or why the component is missing. */
        public String getDetail() {
            return detail;
        }

        @Override
        public String toString() {
            return (available ? "available: " : "missing: ") + detail;
        }
    }
}
