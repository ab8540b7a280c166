package io.releaseledger.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {
    @TempDir
    Path temp;

    @Test
    void shouldNeverHandOutAPortTwice() {
        List<Integer> ports = FreePorts.next(500);

        assertThat(new HashSet<>(ports)).hasSize(500);
    }

    /** What bind-0 cannot give: the kernel picks port 0's port from the very range outgoing connections use. */
    @Test
    void shouldHandOutPortsOutsideTheKernelsEphemeralRange() {
        assumeTrue(FreePorts.outsideEphemeralRange(), "this kernel's ephemeral range leaves too few ports outside it");
        int[] ephemeral = FreePorts.ephemeralRange();

        assertThat(FreePorts.next(200)).allSatisfy(port -> assertThat(port).isBetween(FreePorts.LOWEST,
                FreePorts.HIGHEST).satisfiesAnyOf(p -> assertThat(p).isLessThan(ephemeral[0]),
                        p -> assertThat(p).isGreaterThan(ephemeral[1])));
    }

    @Test
    void shouldHandOutAPortThatCanBeBoundOnLoopback() throws IOException {
        int port = FreePorts.next();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void shouldSkipAPortSomethingListensOn() throws IOException {
        int taken = FreePorts.next();
        int[] ephemeral = FreePorts.ephemeralRange();
        FreePorts fromTaken = new FreePorts(ephemeral, new FreePorts(ephemeral, 0).indexOf(taken));

        try (ServerSocket listening = new ServerSocket(taken, 1, InetAddress.getLoopbackAddress())) {
            assertThat(fromTaken.take(new int[0])).isNotEqualTo(taken);
        }
    }

    @Test
    void shouldReserveThePortsAtTheOffsetsToo() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.nextWithOffsets(1000);
            assertThat(seen.add(port)).as("port %d handed out before", port).isTrue();
            assertThat(seen.add(port + 1000)).as("port %d handed out before", port + 1000).isTrue();
        }
        List<Integer> later = FreePorts.next(500);

        assertThat(later).doesNotContainAnyElementsOf(seen);
    }

    @Test
    void shouldKeepEveryOffsetPortInRangeAndOutsideTheEphemeralRange() {
        FreePorts ports = new FreePorts(new int[] {32_768, 60_999}, 32_767 - FreePorts.LOWEST - 5);

        List<Integer> bases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bases.add(ports.take(new int[] {1000, 22}));
        }

        assertThat(bases).allSatisfy(base -> assertThat(List.of(base, base + 22, base + 1000))
                .allSatisfy(port -> assertThat(port).isLessThanOrEqualTo(FreePorts.HIGHEST)
                        .satisfiesAnyOf(p -> assertThat(p).isLessThan(32_768),
                                p -> assertThat(p).isGreaterThan(60_999))));
    }

    @Test
    void shouldHandOutNoPortAboveTheHighestAsked() {
        // a walk that starts at 65500: without the bound 65503, 65506, ... come next (65513 keeps base + 22 in range)
        FreePorts ports = new FreePorts(new int[] {32_768, 60_999}, new FreePorts(new int[] {32_768, 60_999}, 0)
                .indexOf(65_500));

        List<Integer> bases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bases.add(ports.take(65_500, new int[] {1, 2, 11, 12, 21, 22}));
        }

        assertThat(bases).allSatisfy(base -> assertThat(base).isLessThanOrEqualTo(65_500));
    }

    @Test
    void shouldSayWhenNoPortIsLeft() {
        // an ephemeral range that leaves 60000-65535: no port there has a partner 6000 above it
        FreePorts ports = new FreePorts(new int[] {FreePorts.LOWEST, 59_999}, 0);

        assertThatThrownBy(() -> ports.take(new int[] {6000})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no free port left")
                .hasMessageContaining("outside the ephemeral range 10000-59999");
    }

    /** The common {@code 1024 65000} leaves 65001-65535: too few, and none with a partner 1000 above. */
    @Test
    void shouldTakeEphemeralPortsWhenTooFewLieOutsideTheRange() {
        FreePorts ports = new FreePorts(new int[] {1_024, 65_000}, 0);

        int port = ports.take(new int[] {1000});

        assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.HIGHEST - 1000);
        assertThat(ports.take(new int[0])).isNotIn(port, port + 1000);
    }

    @Test
    void shouldKeepOutsideTheRangeWhileEnoughPortsLieOutsideIt() {
        int low = FreePorts.HIGHEST - FreePorts.FEWEST_OUTSIDE; // leaves exactly FEWEST_OUTSIDE ports above it
        FreePorts enough = new FreePorts(new int[] {FreePorts.LOWEST, low}, 0);
        FreePorts tooFew = new FreePorts(new int[] {FreePorts.LOWEST, low + 1}, 0);

        assertThat(enough.take(new int[0])).isGreaterThan(low);
        assertThat(tooFew.take(new int[0])).isLessThanOrEqualTo(low + 1);
    }

    @Test
    void shouldTakeEphemeralPortsWhenTheRangeCoversThemAll() {
        FreePorts ports = new FreePorts(new int[] {1_024, 65_535}, 0);

        int port = ports.take(new int[0]);
        int withOffset = ports.take(new int[] {1000});

        assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.HIGHEST);
        assertThat(withOffset).isNotEqualTo(port);
        assertThat(ports.take(new int[0])).isNotIn(port, withOffset, withOffset + 1000);
    }

    @Test
    void shouldReadTheEphemeralRangeAndFallBackToLinuxsDefault() throws IOException {
        Path file = Files.writeString(temp.resolve("ip_local_port_range"), "40000\t50000\n");

        assertThat(FreePorts.ephemeralRange(file)).containsExactly(40_000, 50_000);
        assertThat(FreePorts.ephemeralRange(temp.resolve("missing"))).containsExactly(32_768, 60_999);
        assertThat(FreePorts.ephemeralRange(Files.writeString(temp.resolve("garbled"), "x")))
                .containsExactly(32_768, 60_999);
    }

    @Test
    void shouldStartEachJvmAtItsOwnPlace() {
        FreePorts one = new FreePorts(new int[] {32_768, 60_999}, 0);
        FreePorts other = new FreePorts(new int[] {32_768, 60_999}, 12_345);

        assertThat(one.take(new int[0])).isNotEqualTo(other.take(new int[0]));
    }
}
