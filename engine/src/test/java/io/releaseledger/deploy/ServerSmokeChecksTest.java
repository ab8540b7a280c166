package io.releaseledger.deploy;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.AdminState;
import io.releaseledger.loadbalancer.DrainResult;
import io.releaseledger.report.Message;
import io.releaseledger.rollout.DeploymentListener;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The environment's smoke checks as part of the health gate during server cycling: real containers behind a real
 * HAProxy, images from the local registry. Version 1.1.0 of the test application serves {@code app 1.1.0} on
 * {@code /}, which the descriptor lists as a forbidden string.
 */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
class ServerSmokeChecksTest {
    private static final String TOKEN = "s3cr3t-smoke-token-4711";

    @TempDir
    Path temp;

    private DeployFixture world;

    @BeforeEach
    void startWorld() throws Exception {
        world = new DeployFixture(temp);
        world.gateTimeout = "5s";
        world.stagingExtra = "    smokeChecks:\n"
                + "      deadline: 20s\n"
                + "      forbiddenStrings: [\"app 1.1.0\", \"lorem ipsum\"]\n"
                + "      checks:\n"
                + "        - http: {url: /, name: home, retries: 1, backoff: 100ms,"
                + " token: {header: X-Smoke-Token, secret: {env: RL_TEST_SMOKE_TOKEN}}}\n"
                + "        - tcp: \"{address}:{port}\"\n"
                + "        - container: {healthy: true}\n"
                + "        - http: \"http://127.0.0.1:" + world.haproxy.frontendPort() + "/version\"\n";
    }

    @AfterEach
    void removeWorld() {
        world.close();
    }

    @Test
    void shouldRunTheSmokeChecksAimedAtEachServerBeforeItGoesBackIntoTheLoadBalancer() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        DeploymentResult result = deploy(TestApp.V1, listener(calls));

        assertThat(result.getPlan().getVersion()).isEqualTo(TestApp.V1);
        String first = "local/rltest-deploy-staging-1";
        assertThat(calls).as("per instance: out, drained, replaced, gate and smoke passed, in, serving")
                .containsSubsequence("serverOut " + first, "serverDrained " + first + " true",
                        "instanceReplaced " + first, "instanceDeployed " + first, "serverIn " + first,
                        "serverServing " + first, "serverOut local/rltest-deploy-staging-2");
        Map<String, Object> recorded = lastChecks();
        assertThat(recorded).containsEntry("run", "gate").containsEntry("environment", "staging")
                .containsEntry("passed", true).containsKey("millis");
        List<Map<String, Object>> smoke = smokeResults(recorded);
        assertThat(smoke).as("home and tcp on each of the three servers; container and the fixed URL not per server")
                .hasSize(6).allMatch(r -> Boolean.TRUE.equals(r.get("passed")));
        assertThat(smoke).extracting(r -> r.get("target")).containsOnly("127.0.0.1:" + world.stagingPorts.get(0),
                "127.0.0.1:" + world.stagingPorts.get(1), "127.0.0.1:" + world.stagingPorts.get(2));
        assertThat(smoke).extracting(r -> (String) r.get("name")).contains(first + " smoke home",
                "local/rltest-deploy-staging-3 smoke home");
        assertThat(world.messages.getAll()).extracting(Message::getText)
                .anyMatch(line -> line.startsWith("Smoke checks not run per server") && line.contains("container")
                        && line.contains("/version"))
                .anyMatch(line -> line.startsWith(first) && line.contains("Smoke checks passed: 2 of 2"));
        assertThat(world.ledger.events("staging").toString() + world.messages.getAll()).doesNotContain(TOKEN);
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) world.current("staging").get("checks");
        assertThat(results(shown)).as("the state's checks say which run each result comes from")
                .hasSize(results(recorded).size()).allMatch(r -> "gate".equals(r.get("run")));
    }

    @Test
    void shouldRestoreThePreviousReleaseEverywhereWhenASmokeCheckFailsOnTheFirstServer() throws Exception {
        deploy(TestApp.V1, new DeploymentListener() { });
        world.haproxy.awaitAllServing();
        LoadLoop load = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());

        assertThatThrownBy(() -> deploy(TestApp.V2, listener(calls)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("failed on local/rltest-deploy-staging-1")
                .hasMessageContaining("the smoke checks failed on the server: home failed")
                .hasMessageContaining("app 1.1.0")
                .hasMessageContaining("The previous release was restored on 1 instance");
        load.awaitRequests(load.requests() + 200).stop();

        assertThat(load.failures()).as("%s; %s", load, world.haproxy.account()).isZero();
        assertThat(load.versions()).as("the failing server never took traffic: %s", load)
                .doesNotContainKey(TestApp.V2);
        assertThat(calls).contains("instanceFailed local/rltest-deploy-staging-1", "instanceRestored "
                + "local/rltest-deploy-staging-1").doesNotContain("instanceDeployed local/rltest-deploy-staging-1");
        assertThat(world.stagingVersions()).containsExactly(TestApp.V1, TestApp.V1, TestApp.V1);
        assertThat(world.haproxy.servers()).allMatch(server -> server.getAdminState() == AdminState.READY);
        world.haproxy.awaitAllServing();
        assertThat(world.eventTypes("staging")).endsWith(EventTypes.DEPLOYMENT_STARTED, EventTypes.CHECK_RECORDED,
                EventTypes.DEPLOYMENT_FAILED, EventTypes.RELEASE_ROLLED_BACK, EventTypes.ENVIRONMENT_UNLOCKED);
        Map<String, Object> recorded = lastChecks();
        assertThat(recorded).containsEntry("run", "gate").containsEntry("passed", false)
                .containsEntry("version", TestApp.V2);
        assertThat(gateResults(recorded)).as("the gate itself passed on the new container")
                .isNotEmpty().allMatch(r -> Boolean.TRUE.equals(r.get("passed")));
        assertThat(smokeResults(recorded)).anySatisfy(r -> assertThat(r)
                .containsEntry("name", "local/rltest-deploy-staging-1 smoke home").containsEntry("passed", false)
                .containsEntry("target", "127.0.0.1:" + world.stagingPorts.get(0))
                .containsEntry("attempt", 2L));
        assertThat(world.current("staging")).containsEntry("version", TestApp.V1);
        assertThat(world.ledger.events("staging").toString() + world.messages.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void shouldLeaveTheSmokeChecksToSmokeCheckWhenTheGateSwitchesThemOff() {
        world.stagingExtra = "      smokeChecks: false\n" + world.stagingExtra;
        deploy(TestApp.V1, new DeploymentListener() { });

        deploy(TestApp.V2, new DeploymentListener() { });

        assertThat(world.stagingVersions()).containsExactly(TestApp.V2, TestApp.V2, TestApp.V2);
        Map<String, Object> recorded = lastChecks();
        assertThat(recorded).containsEntry("run", "gate").containsEntry("passed", true);
        assertThat(smokeResults(recorded)).isEmpty();
        assertThat(gateResults(recorded)).hasSize(6);
    }

    private DeploymentResult deploy(final String version, final DeploymentListener listener) {
        TestApp.digest(version);
        LocalDeploymentExecutor executor = world.executor().setListener(listener)
                .setSecrets(reference -> "RL_TEST_SMOKE_TOKEN".equals(reference.getEnvironmentVariable()) ? TOKEN : null);
        return new DeployCommand(world.descriptor(), "staging", version, world.ledger, executor)
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(world.messages)
                .setLockTimeout(Duration.ZERO).call();
    }

    private Map<String, Object> lastChecks() {
        List<Map<String, Object>> all = world.events("staging", EventTypes.CHECK_RECORDED);
        return all.get(all.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(final Map<String, Object> recorded) {
        return (List<Map<String, Object>>) recorded.get("results");
    }

    private static List<Map<String, Object>> smokeResults(final Map<String, Object> recorded) {
        return results(recorded).stream().filter(r -> ((String) r.get("name")).contains(" smoke ")).toList();
    }

    private static List<Map<String, Object>> gateResults(final Map<String, Object> recorded) {
        return results(recorded).stream().filter(r -> !((String) r.get("name")).contains(" smoke ")).toList();
    }

    private static DeploymentListener listener(final List<String> calls) {
        return new DeploymentListener() {
            @Override
            public void serverOut(final PlannedInstance instance) {
                calls.add("serverOut " + name(instance));
            }

            @Override
            public void serverDrained(final PlannedInstance instance, final DrainResult drained) {
                calls.add("serverDrained " + name(instance) + " " + drained.isDrained());
            }

            @Override
            public void instanceReplaced(final PlannedInstance instance, final String containerId) {
                calls.add("instanceReplaced " + name(instance));
            }

            @Override
            public void instanceDeployed(final PlannedInstance instance, final String containerId) {
                calls.add("instanceDeployed " + name(instance));
            }

            @Override
            public void serverIn(final PlannedInstance instance) {
                calls.add("serverIn " + name(instance));
            }

            @Override
            public void serverServing(final PlannedInstance instance) {
                calls.add("serverServing " + name(instance));
            }

            @Override
            public void instanceFailed(final PlannedInstance instance, final String cause) {
                calls.add("instanceFailed " + name(instance));
            }

            @Override
            public void instanceRestored(final PlannedInstance instance) {
                calls.add("instanceRestored " + name(instance));
            }
        };
    }

    private static String name(final PlannedInstance instance) {
        return instance.getHost() + "/" + instance.getContainerName();
    }
}
