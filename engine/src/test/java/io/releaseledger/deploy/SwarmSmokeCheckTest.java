package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.rollout.LocalSmokeCheckExecutor;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke run's {@code container} check of a swarm environment on the real single-node swarm: it reads the
 * containers of the service's current tasks, not the stopped containers Swarm keeps of the tasks an update replaced.
 */
@RequiresRealComponent({Component.DOCKER, Component.SWARM, Component.REGISTRY, Component.HAPROXY})
class SwarmSmokeCheckTest {
    @TempDir
    Path temp;

    private SwarmFixture world;

    @BeforeEach
    void startWorld() throws Exception {
        world = new SwarmFixture(temp);
        world.stagingExtra = "    smokeChecks:\n"
                + "      checks:\n"
                + "        - container: {}\n";
        world.deploy("staging", TestApp.V1).call();
        world.deploy("staging", TestApp.V2).call();
    }

    @AfterEach
    void removeWorld() {
        world.close();
    }

    private SmokeOutcome smoke(final String version) {
        return new LocalSmokeCheckExecutor(world.descriptor()).setMessages(world.messages)
                .run(new SmokeRequest("staging").setVersion(version).setDigest(TestApp.digest(version)));
    }

    @Test
    void shouldCheckTheRunningTasksOfTheServiceAfterAnUpdate() {
        SmokeOutcome outcome = smoke(TestApp.V2);

        assertThat(outcome.isPassed()).as("%s", outcome.getTable()).isTrue();
        assertThat(outcome.getTable()).contains("2 containers running " + TestApp.digest(TestApp.V2).substring(0, 19));
    }

    @Test
    void shouldFailWhenTheTasksRunAnotherDigest() {
        SmokeOutcome outcome = smoke(TestApp.V1);

        assertThat(outcome.isPassed()).isFalse();
        assertThat(outcome.getSummary() + outcome.getTable()).contains("runs "
                + TestApp.digest(TestApp.V2).substring(0, 19));
    }
}
