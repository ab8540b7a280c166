package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.javaclient.DockerJavaSwarm;
import io.releaseledger.registry.DockerCli;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.swarm.SwarmServiceRequest;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An update sent on a version of the service that moved since it was read, on the real swarm: Swarm answers "update
 * out of sequence" (as it did once in CI right after a create). When only the version moved the update goes through on
 * the new one; when another deploy changed the image, nothing is changed and the message says so.
 */
@RequiresRealComponent({Component.DOCKER, Component.SWARM, Component.REGISTRY})
class SwarmUpdateSequenceTest {
    private static final String SERVICE = "rltest-swarm-sequence";

    @BeforeEach
    @AfterEach
    void removeService() {
        DockerCli.run("service", "rm", SERVICE);
    }

    @Test
    void shouldSendTheUpdateAgainWhenOnlyTheVersionMovedSinceItWasRead() {
        try (DockerJavaSwarm swarm = DockerJavaSwarm.connect(DockerHost.localSocket())) {
            swarm.create(request(TestApp.V1));
            SwarmService stale = swarm.inspect(SERVICE).orElseThrow();
            DockerCli.check("service", "update", "--detach", "--env-add", "RLTEST_MOVED=1", SERVICE);
            assertThat(swarm.inspect(SERVICE).orElseThrow().getVersion()).isGreaterThan(stale.getVersion());

            swarm.update(stale, request(TestApp.V2));

            assertThat(SwarmFixture.serviceImage(SERVICE)).isEqualTo(image(TestApp.V2));
        }
    }

    @Test
    void shouldChangeNothingWhenAnotherDeployChangedTheImageSinceItWasRead() {
        try (DockerJavaSwarm swarm = DockerJavaSwarm.connect(DockerHost.localSocket())) {
            swarm.create(request(TestApp.V1));
            SwarmService stale = swarm.inspect(SERVICE).orElseThrow();
            DockerCli.check("service", "update", "--detach", "--image", image(TestApp.V2), SERVICE);

            assertThatThrownBy(() -> swarm.update(stale, request(TestApp.V3)))
                    .isInstanceOf(ContainerEngineException.class)
                    .hasMessageContaining("updating Swarm service " + SERVICE)
                    .hasMessageContaining("another change of the service came first (it now runs "
                            + image(TestApp.V2) + ")")
                    .hasMessageContaining("nothing was changed by this deploy");
            assertThat(SwarmFixture.serviceImage(SERVICE)).isEqualTo(image(TestApp.V2));
        }
    }

    private static String image(final String version) {
        return TestApp.REPOSITORY + "@" + TestApp.digest(version);
    }

    private static SwarmServiceRequest request(final String version) {
        return new SwarmServiceRequest(SERVICE, image(version), 1).setEnvironment(Map.of("PORT", port()));
    }

    private static String port() {
        return String.valueOf(FreePorts.next());
    }
}
