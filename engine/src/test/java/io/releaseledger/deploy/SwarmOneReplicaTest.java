package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One replica on two port sets, start-first, the graceful application, load through the real HAProxy. With one
 * replica no other slot covers the time between Swarm stopping the old task and the new set's server leaving
 * maintenance once its task passed the gate, so this is where admitting the new task late would lose requests.
 */
@RequiresRealComponent({Component.DOCKER, Component.SWARM, Component.REGISTRY, Component.HAPROXY})
class SwarmOneReplicaTest {
    @TempDir
    Path temp;
    private SwarmFixture world;

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void shouldServeEveryRequestThroughStartFirstUpdatesOfOneReplicaOnTwoPortSets() throws Exception {
        world = new SwarmFixture(temp.resolve("one-replica"), 1000, 1);
        world.stagingCommand = SwarmFixture.GRACEFUL;
        world.stagingSwarm = "{timeout: 90s, portOffset: 1000, update: {order: start-first, monitor: 2s}, "
                + "rollback: {monitor: 1s}}";
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitServing("local-1");

        LoadLoop toSecondSet = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V2).call();
        toSecondSet.awaitRequests(toSecondSet.requests() + 200).stop();
        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("b");

        LoadLoop back = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V3).call();
        back.awaitRequests(back.requests() + 200).stop();

        System.out.println("Swarm update on two port sets (1 replica, start-first, graceful stop) under load: to the "
                + "second set " + toSecondSet + "; back to the first " + back);
        assertThat(toSecondSet.failures()).as("to the second set %s; %s", toSecondSet, world.haproxy.account())
                .isZero();
        assertThat(back.failures()).as("back to the first set %s; %s", back, world.haproxy.account()).isZero();
        assertThat(toSecondSet.versions()).containsKeys(TestApp.V1, TestApp.V2);
        assertThat(back.versions()).containsKeys(TestApp.V2, TestApp.V3);
        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("a");
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V3);
        assertThat(world.haproxy.servers()).filteredOn(s -> s.getName().equals("local-1-b"))
                .allMatch(s -> s.getAdminState() == io.releaseledger.loadbalancer.AdminState.MAINT);
    }
}
