package io.releaseledger.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for tests that start something listening on them later (a container, HAProxy, a server process).
 *
 * <p>Binding port 0 and closing it is not enough for that: the kernel hands out such ports from its ephemeral range,
 * where every outgoing connection (HAProxy's checks, load loops, health gates) also takes its local port, and it
 * may hand the same port to the next caller before anyone listens on it. A port from here is free on 127.0.0.1 when
 * asked (bound once without {@code SO_REUSEADDR}, so a port in {@code TIME_WAIT} is skipped too), never handed out
 * twice in one JVM, and outside the ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}) unless that
 * range leaves too few outside it. Each JVM starts at a random place, so two test runs side by side rarely walk the
 * same ports.
 *
 * <p>A port from here is also a good closed port: nothing in this JVM will listen on it.
 */
public final class FreePorts {
    /** Below it lie the well-known services' ports (the registry's 5000, Docker's 2375/2376, 8080, …). */
    static final int LOWEST = 10_000;
    static final int HIGHEST = 65_535;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default, for a system without that file. */
    private static final int[] DEFAULT_EPHEMERAL = {32_768, 60_999};
    /**
     * Fewer candidates outside the ephemeral range than this, and tests take ports inside it: with the common
     * {@code 1024 65000} only 65001-65535 remain, where no port has a partner 1000 above and a test run walks them dry.
     */
    static final int FEWEST_OUTSIDE = 5_000;

    private static final FreePorts JVM = new FreePorts(ephemeralRange(EPHEMERAL_RANGE),
            ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));

    private final int ephemeralLow;
    private final int ephemeralHigh;
    private final List<Integer> candidates = new ArrayList<>();
    /** False where the ephemeral range leaves fewer than {@link #FEWEST_OUTSIDE} candidate ports outside it. */
    private final boolean outsideEphemeral;
    private final Set<Integer> handedOut = new HashSet<>();
    private int cursor;

    /**
     * @param ephemeral the kernel's ephemeral range {low, high}
     * @param start     where in the candidate ports to begin (any int: taken modulo their count)
     */
    FreePorts(final int[] ephemeral, final int start) {
        ephemeralLow = ephemeral[0];
        ephemeralHigh = ephemeral[1];
        for (int port = LOWEST; port <= HIGHEST; port++) {
            if (!isEphemeral(port)) {
                candidates.add(port);
            }
        }
        outsideEphemeral = candidates.size() >= FEWEST_OUTSIDE;
        if (!outsideEphemeral) {
            // a kernel whose ephemeral range leaves too few: still never twice and free when asked, only less safe
            // from outgoing connections; say why once, and run
            System.err.println("FreePorts: the kernel's ephemeral port range " + ephemeralLow + "-" + ephemeralHigh
                    + " leaves " + candidates.size() + " of " + LOWEST + "-" + HIGHEST + " outside it (fewer than "
                    + FEWEST_OUTSIDE + "); tests take ports inside it (narrow it with sysctl "
                    + "net.ipv4.ip_local_port_range for fewer clashes with outgoing connections)");
            candidates.clear();
            for (int port = LOWEST; port <= HIGHEST; port++) {
                candidates.add(port);
            }
        }
        cursor = Math.floorMod(start, candidates.size());
    }

    /** A free port, reserved for the caller. */
    public static int next() {
        return JVM.take(new int[0]);
    }

    /** {@code count} distinct free ports, reserved for the caller. */
    public static List<Integer> next(final int count) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(next());
        }
        return ports;
    }

    /**
     * A free port whose {@code port + offset} for every offset is free too and outside the ephemeral range; all of
     * them are reserved for the caller (e.g. Swarm's second port set at {@code port + portOffset}).
     */
    public static int nextWithOffsets(final int... offsets) {
        return JVM.take(offsets);
    }

    /**
     * As {@link #nextWithOffsets}, with the port itself at most {@code highest}: for a program that refuses a higher
     * first port (the demo script takes one up to 65500).
     */
    public static int nextBelowWithOffsets(final int highest, final int... offsets) {
        return JVM.take(highest, offsets);
    }

    /** The kernel's ephemeral range this JVM avoids, {low, high}. */
    public static int[] ephemeralRange() {
        return new int[] {JVM.ephemeralLow, JVM.ephemeralHigh};
    }

    /** Whether this JVM's ports lie outside the ephemeral range (false: too few are left outside it). */
    public static boolean outsideEphemeralRange() {
        return JVM.outsideEphemeral;
    }

    synchronized int take(final int[] offsets) {
        return take(HIGHEST, offsets);
    }

    synchronized int take(final int highest, final int[] offsets) {
        for (int tried = 0; tried < candidates.size(); tried++) {
            int port = candidates.get(cursor);
            cursor = (cursor + 1) % candidates.size();
            List<Integer> block = port > highest ? null : block(port, offsets);
            if (block != null && block.stream().allMatch(p -> !handedOut.contains(p) && isFree(p))) {
                handedOut.addAll(block);
                return port;
            }
        }
        String range = ephemeralLow + "-" + ephemeralHigh;
        throw new IllegalStateException("no free port left between " + LOWEST + " and " + highest
                + (outsideEphemeral ? " outside the ephemeral range " + range
                        : " (too few outside the ephemeral range " + range + ")")
                + " (this JVM took " + handedOut.size() + ")");
    }

    /**
     * The port and each port + offset, or {@code null} when one of them is out of range or (unless the range covers
     * them all) ephemeral.
     */
    private List<Integer> block(final int port, final int[] offsets) {
        List<Integer> block = new ArrayList<>(List.of(port));
        for (int offset : offsets) {
            int other = port + offset;
            if (offset == 0 || other < LOWEST || other > HIGHEST || outsideEphemeral && isEphemeral(other)
                    || block.contains(other)) {
                return null;
            }
            block.add(other);
        }
        return block;
    }

    /** Where the port stands among the candidates ({@code -1}: not one), to start a walk at it. */
    int indexOf(final int port) {
        return candidates.indexOf(port);
    }

    boolean isEphemeral(final int port) {
        return port >= ephemeralLow && port <= ephemeralHigh;
    }

    /** Whether 127.0.0.1:port can be bound now, without {@code SO_REUSEADDR} (so not in {@code TIME_WAIT} either). */
    static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads "low high" from the file, or Linux's default when it is missing or unreadable. */
    static int[] ephemeralRange(final Path file) {
        if (!Files.isReadable(file)) {
            return DEFAULT_EPHEMERAL.clone();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\s+");
            int low = Integer.parseInt(parts[0]);
            int high = Integer.parseInt(parts[1]);
            return low <= high ? new int[] {low, high} : DEFAULT_EPHEMERAL.clone();
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL.clone();
        }
    }
}
