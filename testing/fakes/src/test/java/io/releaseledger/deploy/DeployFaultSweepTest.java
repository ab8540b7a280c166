package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.EventTypes;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call a deploy makes to the container engine and the load balancer fails once, in turn: afterwards the
 * environment runs the old release everywhere or the new one everywhere, every server serves, no more servers were
 * out at once than the strategy allows, and the ledger records what runs.
 */
class DeployFaultSweepTest {
    private static final String V1 = "1.0.0";
    private static final String V2 = "2.0.0";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} instance(s), load balancer {1}, {2}")
    @CsvSource(delimiter = ';', value = {
            "3; true; {type: rolling, batchSize: 1}; 1",
            "3; true; {type: rolling, batchSize: 2, canary: true}; 2",
            "2; false; recreate; 0",
            "2; false; {type: rolling, batchSize: 1}; 0"})
    void shouldLeaveTheEnvironmentWholeWhicheverCallFails(final int instances, final boolean loadBalanced,
            final String strategy, final int maxOut) throws Exception {
        int calls = cleanDeployCalls(instances, loadBalanced, strategy);
        SoftAssertions softly = new SoftAssertions();
        for (int call = 1; call <= calls; call++) {
            try (FakeWorld world = world(temp.resolve("call" + call), instances, loadBalanced, strategy)) {
                world.faults.failCall(world.faults.count() + call);
                String error = null;
                try {
                    world.deploy(V2).call();
                } catch (DeploymentException e) {
                    error = e.getMessage();
                }
                String what = "call " + call + " (" + world.faults.failed() + "), " + (error == null ? "succeeded"
                        : error);
                String version = error == null ? V2 : V1;
                softly.assertThat(world.versions()).as(what).containsOnly(version);
                if (loadBalanced) {
                    softly.assertThat(world.servers()).as(what).containsOnly("READY/UP");
                    softly.assertThat(world.loadBalancer().maxOut()).as(what).isLessThanOrEqualTo(maxOut);
                }
                softly.assertThat(world.current()).as(what).containsEntry("version", version);
                List<String> types = world.eventTypes();
                if (error == null) {
                    softly.assertThat(types).as(what).contains(EventTypes.DEPLOYMENT_SUCCEEDED);
                    continue;
                }
                List<Map<String, Object>> failed = world.events(EventTypes.DEPLOYMENT_FAILED);
                boolean rolledBack = types.contains(EventTypes.RELEASE_ROLLED_BACK);
                if (!failed.isEmpty()) {
                    softly.assertThat(failed.get(0).get("restored")).as(what).isEqualTo(rolledBack
                            || error.contains("Nothing was changed"));
                }
                softly.assertThat(Collections.frequency(types, EventTypes.DEPLOYMENT_SUCCEEDED)).as(what).isOne();
            }
        }
        softly.assertAll();
    }

    private FakeWorld world(final Path dir, final int instances, final boolean loadBalanced, final String strategy)
            throws Exception {
        FakeWorld world = new FakeWorld(dir, instances, loadBalanced);
        world.strategy = strategy;
        world.publish(V1).deploy(V1).call();
        world.publish(V2);
        return world;
    }

    private int cleanDeployCalls(final int instances, final boolean loadBalanced, final String strategy)
            throws Exception {
        try (FakeWorld world = world(temp.resolve("clean"), instances, loadBalanced, strategy)) {
            int before = world.faults.count();
            world.deploy(V2).call();
            assertThat(world.versions()).containsOnly(V2);
            return world.faults.count() - before;
        }
    }
}
