package io.releaseledger.loadbalancer.haproxy;

import io.releaseledger.loadbalancer.AdminState;
import io.releaseledger.loadbalancer.DrainResult;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.LoadBalancerException;
import io.releaseledger.loadbalancer.OperationalState;
import io.releaseledger.loadbalancer.ServerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link LoadBalancer} over HAProxy's runtime API: a stats socket at {@code level admin}, on a unix socket or TCP.
 *
 * <pre>{@code
 * try (LoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(Path.of("/run/haproxy/admin.sock"))
 *         .setPollInterval(Duration.ofMillis(500))) {
 *     lb.drain("web", "web1");
 * }
 * }</pre>
 *
 * <p>Commands used: {@code show servers state}, {@code show stat}, {@code show backend},
 * {@code set server <backend>/<server> state ready|drain|maint} and {@code set server ... addr <ip> port <port>}.
 * Each opens its own connection, so an instance holds nothing between calls; once configured, it may be shared
 * between threads.
 */
public final class HaproxyLoadBalancer implements LoadBalancer {
    /** HAProxy's own rule for proxy and server names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /* HAProxy's srv_admin_state bits (server-t.h): forced, inherited, configured, resolution maintenance; drains. */
    private static final int MAINT_BITS = 0x01 | 0x02 | 0x04 | 0x20;
    private static final int DRAIN_BITS = 0x08 | 0x10;

    private RuntimeApi api;
    private Duration pollInterval = Duration.ofMillis(250);

    private HaproxyLoadBalancer(final RuntimeApi api) {
        this.api = api;
    }

    /** HAProxy's runtime API on a unix socket ({@code stats socket /run/haproxy/admin.sock mode 660 level admin}). */
    public static HaproxyLoadBalancer overUnixSocket(final Path socket) {
        return new HaproxyLoadBalancer(RuntimeApi.unixSocket(Objects.requireNonNull(socket, "socket"),
                Duration.ofSeconds(10)));
    }

    /** HAProxy's runtime API on TCP ({@code stats socket ipv4@127.0.0.1:9999 level admin}). */
    public static HaproxyLoadBalancer overTcp(final String host, final int port) {
        Objects.requireNonNull(host, "host");
        checkPort(port, "the runtime API's port");
        return new HaproxyLoadBalancer(RuntimeApi.tcp(host, port, Duration.ofSeconds(10)));
    }

    /** How long one command may take, connecting included [10 s]. */
    public HaproxyLoadBalancer setCommandTimeout(final Duration timeout) {
        this.api = api.withTimeout(positive(timeout, "command timeout"));
        return this;
    }

    /** How often {@link #waitUntilDrained} asks for the server's sessions [250 ms]. */
    public HaproxyLoadBalancer setPollInterval(final Duration interval) {
        this.pollInterval = positive(interval, "poll interval");
        return this;
    }

    @Override
    public List<ServerState> servers(final String backend) {
        checkName(backend, "backend");
        List<Map<String, String>> states = parse("show servers state " + backend, backend, null, true);
        Map<String, Map<String, String>> stats = stats(backend, null);
        List<ServerState> servers = new ArrayList<>();
        for (Map<String, String> row : states) {
            String name = row.getOrDefault("srv_name", "");
            if (!row.getOrDefault("be_name", backend).equals(backend) || name.isEmpty()) {
                continue;
            }
            servers.add(toState(name, row, stats.getOrDefault(name, Map.of())));
        }
        return servers;
    }

    @Override
    public void drain(final String backend, final String server) {
        setState(backend, server, "drain");
    }

    @Override
    public void ready(final String backend, final String server) {
        setState(backend, server, "ready");
    }

    @Override
    public void maintenance(final String backend, final String server) {
        setState(backend, server, "maint");
    }

    @Override
    public int currentSessions(final String backend, final String server) {
        return number(stat(backend, server), "scur");
    }

    @Override
    public DrainResult waitUntilDrained(final String backend, final String server, final Duration timeout) {
        positive(timeout, "drain timeout");
        ServerState state = server(backend, server);
        if (state.getAdminState() == AdminState.READY) {
            throw new LoadBalancerException("server '" + server + "' of backend '" + backend + "' is READY, so it "
                    + "keeps getting new sessions and never drains; set it to drain first");
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            Map<String, String> stat = stat(backend, server);
            int remaining = number(stat, "scur") + number(stat, "qcur");
            long now = System.nanoTime();
            if (remaining == 0) {
                return DrainResult.drained(backend, server, Duration.ofNanos(now - start));
            }
            if (now >= deadline) {
                return DrainResult.timedOut(backend, server, remaining, Duration.ofNanos(now - start));
            }
            sleep(Math.min(pollInterval.toNanos(), deadline - now), backend, server);
        }
    }

    @Override
    public void setAddress(final String backend, final String server, final String host, final int port) {
        checkNames(backend, server);
        Objects.requireNonNull(host, "host");
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new LoadBalancerException("cannot move server '" + server + "' of backend '" + backend + "' to '"
                    + host + "': HAProxy's runtime API takes an IP address here, not a host name; give the instance's "
                    + "IP address");
        }
        checkPort(port, "the port of server '" + server + "' of backend '" + backend + "'");
        String command = "set server " + backend + "/" + server + " addr " + host + " port " + port;
        String reply = api.execute(command);
        if (!reply.contains("change")) {
            throw refused(command, reply, backend, server);
        }
        ServerState moved = server(backend, server);
        if (moved.getPort() != port && moved.getPort() != 0) {
            throw new LoadBalancerException("HAProxy accepted '" + command + "' on " + api.describe()
                    + " but server '" + server + "' of backend '" + backend + "' is still on " + moved.getAddress()
                    + ":" + moved.getPort() + "; HAProxy said: " + Replies.firstLine(reply));
        }
    }

    @Override
    public void close() {
        // one connection per command: nothing is held between calls
    }

    @Override
    public String toString() {
        return "HAProxy runtime API on " + api.describe();
    }

    private void setState(final String backend, final String server, final String state) {
        checkNames(backend, server);
        String command = "set server " + backend + "/" + server + " state " + state;
        String reply = api.execute(command);
        if (!reply.isBlank()) {
            throw refused(command, reply, backend, server);
        }
    }

    private ServerState server(final String backend, final String server) {
        checkNames(backend, server);
        List<ServerState> servers = servers(backend);
        return servers.stream().filter(candidate -> candidate.getName().equals(server)).findFirst()
                .orElseThrow(() -> noSuchServer(backend, server, servers));
    }

    private Map<String, String> stat(final String backend, final String server) {
        checkNames(backend, server);
        Map<String, String> stat = stats(backend, server).get(server);
        if (stat == null) {
            // show stat says nothing about unknown backends: find out which one is missing
            throw noSuchServer(backend, server, servers(backend));
        }
        return stat;
    }

    /** The {@code show stat} rows of a backend's servers, by server name. */
    private Map<String, Map<String, String>> stats(final String backend, final String server) {
        return parse("show stat -1 4 -1", backend, server, false).stream()
                .filter(row -> backend.equals(row.get("pxname")) && row.containsKey("svname"))
                .collect(Collectors.toMap(row -> row.get("svname"), row -> row, (first, second) -> first));
    }

    private List<Map<String, String>> parse(final String command, final String backend, final String server,
            final boolean serversState) {
        String reply = api.execute(command);
        try {
            return serversState ? Replies.serversState(reply) : Replies.csv(reply);
        } catch (IllegalArgumentException e) {
            throw refused(command, reply, backend, server);
        }
    }

    private LoadBalancerException refused(final String command, final String reply, final String backend,
            final String server) {
        String said = Replies.firstLine(reply);
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.contains("permission denied")) {
            return new LoadBalancerException("HAProxy refused '" + command + "' on " + api.describe()
                    + ": permission denied; Release Ledger needs the runtime API at level admin: make the line '"
                    + api.configLine() + "' in the global section of haproxy.cfg and reload HAProxy");
        }
        if (lower.contains("backend") && (lower.contains("no such") || lower.contains("can't find"))) {
            return noSuchBackend(backend);
        }
        if (lower.contains("no such server") && server != null) {
            return noSuchServer(backend, server, servers(backend));
        }
        return new LoadBalancerException("HAProxy refused '" + command + "' on " + api.describe() + ": "
                + (said.isEmpty() ? "(empty reply)" : said) + "; is this HAProxy's runtime API, at level admin?");
    }

    private LoadBalancerException noSuchBackend(final String backend) {
        String known;
        try {
            known = Replies.csv(api.execute("show backend")).stream().map(row -> row.getOrDefault("name", ""))
                    .filter(name -> !name.isEmpty()).collect(Collectors.joining(", "));
        } catch (IllegalArgumentException | LoadBalancerException e) {
            known = "";
        }
        return new LoadBalancerException("HAProxy on " + api.describe() + " has no backend '" + backend + "'; "
                + (known.isEmpty() ? "check the backend names in haproxy.cfg" : "backends are " + known));
    }

    private static LoadBalancerException noSuchServer(final String backend, final String server,
            final List<ServerState> servers) {
        String known = servers.stream().map(ServerState::getName).collect(Collectors.joining(", "));
        return new LoadBalancerException("backend '" + backend + "' has no server '" + server + "'; "
                + (known.isEmpty() ? "it has no servers at all" : "servers are " + known));
    }

    private static ServerState toState(final String name, final Map<String, String> state,
            final Map<String, String> stat) {
        String status = stat.getOrDefault("status", "");
        String address = state.getOrDefault("srv_addr", "");
        int port = number(state, "srv_port");
        String statAddress = stat.getOrDefault("addr", "");
        int colon = statAddress.lastIndexOf(':');
        if (colon > 0) {
            if (port == 0) {
                port = parseInt(statAddress.substring(colon + 1));
            }
            if (address.isEmpty() || "-".equals(address)) {
                address = statAddress.substring(0, colon);
            }
        }
        String check = stat.getOrDefault("check_status", "").strip();
        if (check.startsWith("* ")) {
            check = check.substring(2); // HAProxy marks a check in progress with "* "
        }
        return new ServerState(name, address, port, adminState(state, status), operationalState(state, status),
                number(stat, "scur"), check, stat.getOrDefault("check_desc", "").strip());
    }

    private static AdminState adminState(final Map<String, String> state, final String status) {
        if (state.containsKey("srv_admin_state")) {
            int bits = number(state, "srv_admin_state");
            if ((bits & MAINT_BITS) != 0) {
                return AdminState.MAINT;
            }
            return (bits & DRAIN_BITS) != 0 ? AdminState.DRAIN : AdminState.READY;
        }
        if (status.startsWith("MAINT")) {
            return AdminState.MAINT;
        }
        return status.startsWith("DRAIN") ? AdminState.DRAIN : AdminState.READY;
    }

    private static OperationalState operationalState(final Map<String, String> state, final String status) {
        if (state.containsKey("srv_op_state")) {
            switch (number(state, "srv_op_state")) {
                case 1:
                    return OperationalState.STARTING;
                case 2:
                    return OperationalState.UP;
                case 3:
                    return OperationalState.STOPPING;
                default:
                    return OperationalState.DOWN;
            }
        }
        if (status.startsWith("UP ")) {
            return OperationalState.STOPPING; // "UP 1/3": failing checks, not down yet
        }
        if (status.startsWith("DOWN ")) {
            return OperationalState.STARTING; // "DOWN 1/2": passing checks, not up yet
        }
        return status.startsWith("UP") || status.startsWith("DRAIN") || status.startsWith("NOLB")
                || status.equals("no check") ? OperationalState.UP : OperationalState.DOWN;
    }

    private static int number(final Map<String, String> row, final String column) {
        return parseInt(row.getOrDefault(column, ""));
    }

    private static int parseInt(final String value) {
        try {
            return value.isBlank() || "-".equals(value) ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void checkNames(final String backend, final String server) {
        checkName(backend, "backend");
        checkName(server, "server");
    }

    private static void checkName(final String name, final String what) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new LoadBalancerException("'" + name + "' is not a valid HAProxy " + what + " name; HAProxy names "
                    + "consist of letters, digits, '-', '_', '.' and ':'");
        }
    }

    private static void checkPort(final int port, final String what) {
        if (port < 1 || port > 65535) {
            throw new LoadBalancerException(port + " is not a valid port for " + what + "; use 1 to 65535");
        }
    }

    private static Duration positive(final Duration duration, final String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + duration);
        }
        return duration;
    }

    private static void sleep(final long nanos, final String backend, final String server) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadBalancerException("interrupted while waiting for server '" + server + "' of backend '"
                    + backend + "' to drain; it is still set to drain, so set it back to ready if the cycle stops here",
                    e);
        }
    }
}
