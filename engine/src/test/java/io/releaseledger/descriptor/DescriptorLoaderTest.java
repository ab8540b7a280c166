package io.releaseledger.descriptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DescriptorLoaderTest {
    static String resource(final String name) {
        try (InputStream in = DescriptorLoaderTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldLoadTheCompleteExample() {
        ReleaseDescriptor descriptor = DescriptorLoader.parse(resource("complete-example.yaml"));

        assertThat(descriptor.getSchemaVersion()).isEqualTo(1);
        assertThat(descriptor.getApplication()).isEqualTo("shop");
        assertThat(descriptor.getImage()).isEqualTo("registry.example.com:5000/team/shop");
        assertThat(descriptor.getEnvironments()).extracting(EnvironmentSpec::getName)
                .containsExactly("staging", "production");

        EnvironmentSpec staging = descriptor.getEnvironment("staging").orElseThrow();
        assertThat(staging.isProtected()).isFalse();
        assertThat(staging.getHosts()).singleElement().satisfies(host -> {
            assertThat(host.getScheme()).isEqualTo(DockerHostSpec.Scheme.UNIX);
            assertThat(host.getSocketPath()).isEqualTo("/var/run/docker.sock");
            assertThat(host.getName()).isEqualTo("local");
            assertThat(host.getAddress()).isEqualTo("127.0.0.1");
            assertThat(host.isTls()).isFalse();
        });
        ContainerSpec container = staging.getContainer();
        assertThat(container.getName()).isEqualTo("shop-staging");
        assertThat(container.instanceName(2)).isEqualTo("shop-staging-2");
        assertThat(container.isHostNetwork()).isTrue();
        assertThat(container.getEnv()).extracting(EnvironmentVariable::toString).containsExactly(
                "SPRING_PROFILES_ACTIVE=staging", "LOG_LEVEL=info", "DB_PASSWORD=<credentials 'shop-staging-db'>");
        assertThat(container.getEnv().get(2).getSecret().getCredentialsId()).isEqualTo("shop-staging-db");
        assertThat(container.getEnv().get(2).getValue()).isNull();
        assertThat(container.getEnvFiles()).containsExactly("config/staging.env");
        assertThat(container.getLabels()).containsExactly(Map.entry("team", "checkout"));
        assertThat(container.getCommand()).containsExactly("./shop", "--serve");
        assertThat(container.getRestartPolicy()).isEqualTo("unless-stopped");
        assertThat(staging.getInstances().getCount()).isEqualTo(2);
        assertThat(staging.getInstances().getPorts()).containsExactly(8081, 8082);
        assertThat(staging.getInstances().getPortVariable()).isEqualTo("PORT");
        assertThat(staging.getInstanceCount()).isEqualTo(2);
        assertThat(staging.getStrategy().getType()).isEqualTo(StrategySpec.Type.ROLLING);
        assertThat(staging.getStrategy().getBatchSize()).isEqualTo(1);
        LoadBalancerSpec stagingBalancer = staging.getLoadBalancer();
        assertThat(stagingBalancer.getApiHost()).isEqualTo("127.0.0.1");
        assertThat(stagingBalancer.getApiPort()).isEqualTo(9999);
        assertThat(stagingBalancer.getSocketPath()).isNull();
        assertThat(stagingBalancer.getBackend()).isEqualTo("shop_staging");
        assertThat(stagingBalancer.getDrainTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(stagingBalancer.serverName("staging", staging.getHosts().get(0), 2)).isEqualTo("local-2");
        HealthGateSpec gate = staging.getHealthGate();
        assertThat(gate.getTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(gate.getChecks()).hasSize(2);
        HttpCheckSpec http = (HttpCheckSpec) gate.getChecks().get(0);
        assertThat(http.getUrl()).isEqualTo("http://{address}:{port}/health");
        assertThat(http.url("staging", staging.getHosts().get(0), 1, 8081)).isEqualTo("http://127.0.0.1:8081/health");
        assertThat(http.getTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(gate.getChecks().get(1)).isInstanceOfSatisfying(ContainerCheckSpec.class,
                check -> assertThat(check.getStableFor()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(staging.getPromotesFrom()).isNull();
        assertThat(staging.getRequires()).isEmpty();
        assertThat(staging.getRegistryTags().isEnvironment()).isTrue();
        assertThat(staging.getRegistryTags().isLatest()).isTrue();

        EnvironmentSpec production = descriptor.getEnvironment("production").orElseThrow();
        assertThat(production.isProtected()).isTrue();
        assertThat(production.getPromotesFrom()).isEqualTo("staging");
        assertThat(production.getRequires()).containsExactlyInAnyOrder(PromotionRequirement.DEPLOYED,
                PromotionRequirement.CHECKS_PASSED);
        DockerHostSpec app1 = production.getHosts().get(0);
        assertThat(app1.getScheme()).isEqualTo(DockerHostSpec.Scheme.TCP);
        assertThat(app1.getHostName()).isEqualTo("app1.example.com");
        assertThat(app1.getPort()).isEqualTo(2376);
        assertThat(app1.getTls().getCredentialsId()).isEqualTo("docker-prod-tls");
        DockerHostSpec app2 = production.getHosts().get(1);
        assertThat(app2.getName()).isEqualTo("app2");
        assertThat(app2.getAddress()).isEqualTo("10.0.0.12");
        assertThat(app2.getTls().isCredentials()).isFalse();
        assertThat(app2.getTls().getKeyPath()).isEqualTo("/etc/release-ledger/docker/key.pem");
        assertThat(production.getContainer().getEnv()).extracting(EnvironmentVariable::toString)
                .contains("PAYMENT_TOKEN_URL=https://payments.example.com/token");
        assertThat(production.getContainer().getRestartPolicy()).isEqualTo("on-failure:5");
        assertThat(production.getInstances().getContainerPort()).isEqualTo(8080);
        assertThat(production.getInstanceCount()).isEqualTo(6);
        assertThat(production.getStrategy().toString()).isEqualTo("rolling (batches of 2, canary first)");
        assertThat(production.getLoadBalancer().getSocketPath()).isEqualTo("/run/haproxy/admin.sock");
        assertThat(production.getLoadBalancer().serverName("production", app2, 3)).isEqualTo("app2-3");
        assertThat(production.getHealthGate().getTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(production.getHealthGate().getChecks()).extracting(HealthCheckSpec::getType).containsExactly(
                HealthCheckSpec.Type.HTTP, HealthCheckSpec.Type.TCP, HealthCheckSpec.Type.CONTAINER);
        TcpCheckSpec tcp = (TcpCheckSpec) production.getHealthGate().getChecks().get(1);
        assertThat(tcp.address("production", app2, 1, 9001)).isEqualTo("10.0.0.12:9001");
        assertThat(production.getRegistryTags().isLatest()).isFalse();
    }

    @Test
    void shouldDocumentTheSameCompleteExampleThatTheTestsLoad() throws IOException {
        Path doc = Path.of("..", "docs", "release-descriptor.md");
        String documentation = Files.readString(doc, StandardCharsets.UTF_8);

        assertThat(documentation).contains(resource("complete-example.yaml"));
    }

    @Test
    void shouldFillDefaultsOfAMinimalDescriptor() {
        ReleaseDescriptor descriptor = DescriptorLoader.parse(resource("minimal.yaml"));

        EnvironmentSpec dev = descriptor.getEnvironments().get(0);
        assertThat(dev.getName()).isEqualTo("dev");
        assertThat(dev.isProtected()).isFalse();
        assertThat(dev.getContainer().getName()).isEqualTo("hello-dev");
        assertThat(dev.getContainer().getNetwork()).isEqualTo("bridge");
        assertThat(dev.getContainer().getRestartPolicy()).isEqualTo("unless-stopped");
        assertThat(dev.getContainer().getPorts()).isEmpty();
        assertThat(dev.getContainer().getEnv()).isEmpty();
        assertThat(dev.getContainer().getCommand()).isEmpty();
        assertThat(dev.getInstances().getCount()).isEqualTo(1);
        assertThat(dev.getInstances().getPorts()).isEmpty();
        assertThat(dev.getInstances().port(1)).isZero();
        assertThat(dev.getStrategy().getType()).isEqualTo(StrategySpec.Type.ROLLING);
        assertThat(dev.getStrategy().getBatchSize()).isEqualTo(1);
        assertThat(dev.getStrategy().isCanary()).isFalse();
        assertThat(dev.getLoadBalancer()).isNull();
        assertThat(dev.getHealthGate().getTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(dev.getHealthGate().getInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(dev.getHealthGate().getChecks()).singleElement().isInstanceOfSatisfying(ContainerCheckSpec.class,
                check -> assertThat(check.isHealthy()).isTrue());
        assertThat(dev.getPromotesFrom()).isNull();
        assertThat(dev.getRegistryTags().isEnvironment()).isFalse();
        assertThat(dev.getRegistryTags().isLatest()).isFalse();
    }

    @Test
    void shouldDefaultRequirementsToAllWhenPromoting() {
        ReleaseDescriptor descriptor = DescriptorLoader.parse("""
                schemaVersion: 1
                application: hello
                image: hello
                environments:
                  - name: dev
                    hosts: [unix:///var/run/docker.sock]
                  - name: prod
                    promotesFrom: dev
                    hosts: [tcp://prod:2375]
                """);

        assertThat(descriptor.getEnvironment("prod").orElseThrow().getRequires())
                .isEqualTo(EnumSet.allOf(PromotionRequirement.class));
    }

    @Test
    void shouldLoadTheDefaultFileFromADirectory(@TempDir final Path repository) throws IOException {
        Files.writeString(repository.resolve(DescriptorLoader.DEFAULT_FILE_NAME), resource("minimal.yaml"));

        ReleaseDescriptor descriptor = DescriptorLoader.load(repository);

        assertThat(descriptor.getApplication()).isEqualTo("hello");
        assertThat(descriptor.getSource()).endsWith("release-ledger.yaml");
    }

    @Test
    void shouldNameTheFileWhenItIsMissing(@TempDir final Path repository) {
        assertThatThrownBy(() -> DescriptorLoader.load(repository))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("the release descriptor " + repository.resolve("release-ledger.yaml") + " does not exist: "
                        + "create release-ledger.yaml at the repository root (a minimal one is in "
                        + "docs/release-descriptor.md), or give the descriptor's path (--descriptor on the command "
                        + "line, descriptorFile in the steps)")
                .satisfies(e -> assertThat(((DescriptorException) e).getProblems()).hasSize(1));
    }

    @Test
    void shouldReportASyntaxErrorWithLineAndColumn() {
        String text = """
                schemaVersion: 1
                application: shop
                environments:
                  - name: staging
                    hosts: [unix:///var/run/docker.sock
                  - name: production
                """;

        DescriptorException error = catchDescriptorException(() -> DescriptorLoader.parse(text));

        assertThat(error.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.getMessage()).startsWith("YAML syntax error: ");
            assertThat(problem.getLine()).isEqualTo(6);
            assertThat(problem.getColumn()).isPositive();
        });
        assertThat(error).hasMessageContaining("release-ledger.yaml has 1 problem:")
                .hasMessageMatching("(?s).*YAML syntax error: .*\\(line 6, column \\d+\\).*");
    }

    @Test
    void shouldReportABadIndentationWithItsLine() {
        String text = "schemaVersion: 1\napplication: shop\n  image: x\n";

        DescriptorException error = catchDescriptorException(() -> DescriptorLoader.parse(text, "broken.yaml"));

        assertThat(error).hasMessageStartingWith("broken.yaml has 1 problem:");
        assertThat(error.getProblems().get(0).getLine()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAnEmptyDescriptor() {
        assertThat(catchDescriptorException(() -> DescriptorLoader.parse("# nothing yet\n")).getProblems())
                .extracting(DescriptorProblem::getMessage)
                .containsExactly("the descriptor is empty; it needs schemaVersion, application, image and environments");
    }

    @Test
    void shouldRefuseADocumentThatIsNotAMapping() {
        assertThat(catchDescriptorException(() -> DescriptorLoader.parse("- a\n- b\n")).getProblems())
                .extracting(DescriptorProblem::toString)
                .containsExactly("expected a mapping, found a list (line 1, column 1)");
    }

    static DescriptorException catchDescriptorException(final Runnable load) {
        try {
            load.run();
        } catch (DescriptorException e) {
            return e;
        }
        throw new AssertionError("expected a DescriptorException");
    }

    static List<String> problems(final String yaml) {
        return catchDescriptorException(() -> DescriptorLoader.parse(yaml)).getProblems().stream()
                .map(DescriptorProblem::toString).toList();
    }
}
