package io.releaseledger.descriptor;

import static io.releaseledger.descriptor.DescriptorLoaderTest.catchDescriptorException;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code container.init} and {@code container.stopTimeout}: how the old containers of a deploy stop. */
class ContainerStoppingTest {
    private static ReleaseDescriptor parse(final String container) {
        return DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: shop\n"
                + "image: 127.0.0.1:5000/shop\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + (container == null ? "" : "    container: " + container + "\n"));
    }

    @Test
    void shouldDefaultToNoInitAndTenSeconds() {
        ContainerSpec defaults = parse(null).getEnvironments().get(0).getContainer();
        ContainerSpec written = parse("{network: host}").getEnvironments().get(0).getContainer();

        for (ContainerSpec spec : new ContainerSpec[] {defaults, written}) {
            assertThat(spec.isInit()).isFalse();
            assertThat(spec.getStopTimeout()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void shouldReadInitAndTheStopTimeout() {
        ContainerSpec spec = parse("{init: true, stopTimeout: 30s}").getEnvironments().get(0).getContainer();

        assertThat(spec.isInit()).isTrue();
        assertThat(spec.getStopTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldRefuseABadInitOrStopTimeout() {
        DescriptorException error = catchDescriptorException(() -> parse("{init: yes-please, stopTimeout: 500ms}"));

        assertThat(error.getProblems()).extracting(DescriptorProblem::toString).anySatisfy(problem -> assertThat(
                problem).startsWith("environments[0].container.init: expected true or false"))
                .anySatisfy(problem -> assertThat(problem).startsWith("environments[0].container.stopTimeout: "
                        + "stopTimeout must be from 1s to 4m"));
        assertThat(catchDescriptorException(() -> parse("{stopTimeout: 5m}")).getProblems()).hasSize(1);
    }

    @Test
    void shouldOverrideTheStopTimeout() {
        ContainerSpec spec = parse("{network: host}").withOverrides(java.util.Map.of(
                "environments.dev.container.stopTimeout", "3s")).getEnvironments().get(0).getContainer();

        assertThat(spec.getStopTimeout()).isEqualTo(Duration.ofSeconds(3));
    }
}
