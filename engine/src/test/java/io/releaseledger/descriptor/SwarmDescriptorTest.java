package io.releaseledger.descriptor;

import static io.releaseledger.descriptor.DescriptorLoaderTest.catchDescriptorException;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An environment's {@code swarm} section: defaults, the update and rollback config, and what it refuses. */
class SwarmDescriptorTest {
    private static final String HOST_NETWORK = "    container: {network: host}\n";

    private static ReleaseDescriptor parse(final String environment) {
        return DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: shop\n"
                + "image: 127.0.0.1:5000/shop\n"
                + "environments:\n"
                + "  - name: staging\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + environment);
    }

    private static EnvironmentSpec staging(final String environment) {
        return parse(environment).getEnvironments().get(0);
    }

    @Test
    void shouldDefaultTheServiceNameAndTheConfigs() {
        EnvironmentSpec env = staging(HOST_NETWORK + "    instances: {ports: 18601-18602}\n    swarm: {}\n");

        assertThat(env.isSwarm()).isTrue();
        SwarmSpec swarm = env.getSwarm();
        assertThat(swarm.getService()).isEqualTo("shop-staging");
        assertThat(swarm.getReplicas()).isEqualTo(2);
        assertThat(env.getInstanceCount()).isEqualTo(2);
        assertThat(swarm.getTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(swarm.getUpdate().getOrder()).isEqualTo(SwarmUpdateSpec.Order.STOP_FIRST);
        assertThat(swarm.getUpdate().getFailureAction()).isEqualTo(SwarmUpdateSpec.FailureAction.ROLLBACK);
        assertThat(swarm.getUpdate().getParallelism()).isEqualTo(1);
        assertThat(swarm.getUpdate().getMonitor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(swarm.getRollback().getFailureAction()).isEqualTo(SwarmUpdateSpec.FailureAction.PAUSE);
    }

    @Test
    void shouldReadEveryField() {
        SwarmSpec swarm = staging(HOST_NETWORK + "    instances: {ports: [18601, 18602, 18603]}\n"
                + "    swarm:\n"
                + "      service: web\n"
                + "      replicas: 3\n"
                + "      timeout: 90s\n"
                + "      update: {parallelism: 2, delay: 1s, order: stop-first, failureAction: pause, monitor: 2s}\n"
                + "      rollback: {parallelism: 0, delay: 500ms, failureAction: continue, monitor: 1s}\n")
                .getSwarm();

        assertThat(swarm.getService()).isEqualTo("web");
        assertThat(swarm.getReplicas()).isEqualTo(3);
        assertThat(swarm.getTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(swarm.getUpdate()).hasToString("parallelism 2, delay 1000 ms, stop-first, on failure pause, "
                + "monitor 2000 ms");
        assertThat(swarm.getRollback()).hasToString("parallelism 0, delay 500 ms, stop-first, on failure continue, "
                + "monitor 1000 ms");
    }

    @Test
    void shouldLeaveAnEnvironmentWithoutTheSectionOnItsHosts() {
        assertThat(staging("    instances: 1\n").isSwarm()).isFalse();
    }

    @Test
    void shouldNameEachFieldAndItsFix() {
        DescriptorException error = catchDescriptorException(() -> parse("    container: {network: bridge}\n"
                + "    strategy: rolling\n"
                + "    instances: {count: 2, ports: [18601, 18602]}\n"
                + "    swarm:\n"
                + "      service: -web\n"
                + "      replicas: 3\n"
                + "      update: {order: start-first, failureAction: explode}\n"
                + "      rollback: {failureAction: rollback}\n"
                + "      replica: 2\n"));

        assertThat(error.getProblems()).extracting(DescriptorProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm: unknown key 'replica'"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm.service: '-web' is not a valid "
                        + "Swarm service name"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm.replicas: gives 3 replicas, but "
                        + "instances gives 2; give the number once"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm.update.failureAction: unknown "
                        + "failureAction 'explode'"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm.rollback.failureAction: a rollback "
                        + "cannot roll back; use pause or continue"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].strategy: does not apply to a swarm "
                        + "environment"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].container: a swarm environment needs "
                        + "container.network: host"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm: order start-first needs "
                        + "swarm.portOffset (such as 100): with host networking the new task of a slot cannot bind "
                        + "the port its old task still holds"));
    }

    @Test
    void shouldWantOneManagerAndAPortPerReplica() {
        DescriptorException error = catchDescriptorException(() -> DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: shop\n"
                + "image: 127.0.0.1:5000/shop\n"
                + "environments:\n"
                + "  - name: staging\n"
                + "    hosts: [unix:///var/run/docker.sock, \"tcp://127.0.0.1:2375\"]\n"
                + HOST_NETWORK
                + "    swarm: {replicas: 2}\n"));

        assertThat(error.getProblems()).extracting(DescriptorProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].hosts: a swarm environment names exactly "
                        + "one host, a manager of the swarm"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].instances: give one port per replica in "
                        + "instances.ports (2 replicas)"));
    }

    @Test
    void shouldAcceptStartFirstOnTwoPortSetsBehindALoadBalancer() {
        SwarmSpec swarm = staging(HOST_NETWORK + "    instances: {ports: [18601, 18602]}\n"
                + "    loadBalancer: {runtimeApi: /run/haproxy/admin.sock, backend: shop,"
                + " serverName: 'web-{instance}'}\n"
                + "    swarm: {portOffset: 100, update: {order: start-first}}\n")
                .getSwarm();

        assertThat(swarm.getPortOffset()).isEqualTo(100);
        assertThat(swarm.hasTwoPortSets()).isTrue();
        assertThat(swarm.getUpdate().getOrder()).isEqualTo(SwarmUpdateSpec.Order.START_FIRST);
        assertThat(swarm.getRollback().getOrder()).isEqualTo(SwarmUpdateSpec.Order.STOP_FIRST);
    }

    @Test
    void shouldRefuseAStartFirstRollbackEvenOnTwoPortSets() {
        DescriptorException error = catchDescriptorException(() -> parse(HOST_NETWORK
                + "    instances: {ports: [18601, 18602]}\n"
                + "    loadBalancer: {runtimeApi: /run/haproxy/admin.sock, backend: shop,"
                + " serverName: 'web-{instance}'}\n"
                + "    swarm: {portOffset: 100, update: {order: start-first}, rollback: {order: start-first}}\n"));

        assertThat(error.getProblems()).extracting(DescriptorProblem::toString).singleElement()
                .satisfies(p -> assertThat(p).startsWith("environments[0].swarm.rollback.order: start-first cannot "
                        + "roll a swarm environment back").contains("use rollback: {order: stop-first}"));
    }

    @Test
    void shouldRefuseTwoPortSetsThatOverlapOrHaveNoLoadBalancer() {
        DescriptorException overlap = catchDescriptorException(() -> parse(HOST_NETWORK
                + "    instances: {ports: [18601, 18602]}\n"
                + "    swarm: {portOffset: 1, update: {order: start-first}}\n"));
        DescriptorException beyond = catchDescriptorException(() -> parse(HOST_NETWORK
                + "    instances: {ports: [65000]}\n"
                + "    loadBalancer: {runtimeApi: /run/haproxy/admin.sock, backend: shop}\n"
                + "    swarm: {portOffset: 1000}\n"));

        assertThat(overlap.getProblems()).extracting(DescriptorProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm.portOffset: two port sets need a "
                        + "loadBalancer whose backend has a server per slot for each set"))
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm.portOffset: moves port 18601 to "
                        + "18602, which instances.ports already gives a slot: the two port sets must not overlap; "
                        + "use an offset of at least 2"));
        assertThat(beyond.getProblems()).extracting(DescriptorProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("environments[0].swarm.portOffset: moves port 65000 to "
                        + "66000, beyond 65535"));
    }
}
