package io.releaseledger.deploy;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.rollout.LocalSmokeCheckExecutor;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke checks after real deploys (local registry, Docker, HAProxy): the new release fails a check only the old one
 * passes, and rollbackOnFailure returns staging to it through the deploy's safe path.
 */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
class SmokeCheckCommandRollbackTest {
    @TempDir
    Path temp;

    private DeployFixture world;

    @BeforeEach
    void startWorld() throws Exception {
        world = new DeployFixture(temp);
        // The public URL (HAProxy's frontend) must say 1.0.0, which only V1 does: a check of the whole environment,
        // so the deploy's per-server smoke checks skip it and only the smoke run after the deploy sees it fail.
        // /health runs per instance; the containers must run the digest recorded for the version checked.
        world.stagingExtra = "    smokeChecks:\n"
                + "      checks:\n"
                + "        - http: {url: \"http://127.0.0.1:" + world.haproxy.frontendPort() + "/version\","
                + " name: version, bodyContains: \"" + TestApp.V1 + "\"}\n"
                + "        - http: {url: /health, name: health}\n"
                + "        - container: {healthy: false}\n";
    }

    @AfterEach
    void removeWorld() {
        world.close();
    }

    private SmokeCheckCommand smokeCheck() {
        return new SmokeCheckCommand(world.descriptor(), "staging", world.ledger,
                new LocalSmokeCheckExecutor(world.descriptor()).setMessages(world.messages))
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(world.messages)
                .setLockTimeout(Duration.ZERO);
    }

    @Test
    void shouldRollBackAutomaticallyWhenTheNewReleaseFailsItsSmokeChecks() {
        world.deploy("staging", TestApp.V1).call();
        SmokeCheckResult first = smokeCheck().setRollbackOnFailure(world.executor()).call();
        assertThat(first.isPassed()).as(first.getOutcome().getTable()).isTrue();
        assertThat(first.getOutcome().getTable()).contains("127.0.0.1:" + world.stagingPorts.get(2));
        world.deploy("staging", TestApp.V2).call();
        assertThat(world.stagingVersions()).containsOnly(TestApp.V2);

        SmokeCheckResult result = smokeCheck().setRollbackOnFailure(world.executor()).call();

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getRolledBackTo()).isEqualTo(TestApp.V1);
        assertThat(result.getOutcome().getTable()).contains("FAIL", "version");
        assertThat(world.stagingVersions()).containsOnly(TestApp.V1);
        assertThat(world.current("staging")).containsEntry("version", TestApp.V1);
        List<Map<String, Object>> checks = world.events("staging", EventTypes.CHECK_RECORDED).stream()
                .filter(data -> "smoke".equals(data.get("run"))).toList();
        assertThat(checks).hasSize(2);
        Map<String, Object> failed = checks.get(1);
        assertThat(failed).containsEntry("version", TestApp.V2).containsEntry("passed", false)
                .containsEntry("digest", TestApp.digest(TestApp.V2));
        assertThat(failed.get("results")).asList().extracting(r -> ((Map<?, ?>) r).get("name") + "="
                + ((Map<?, ?>) r).get("passed")).containsExactly("version=false", "health=true", "health=true",
                        "health=true", "container=true");
        Map<String, Object> rolledBack = world.events("staging", EventTypes.RELEASE_ROLLED_BACK).get(0);
        assertThat(rolledBack).containsEntry("from", TestApp.V2).containsEntry("to", TestApp.V1)
                .containsEntry("automatic", true);
        assertThat((String) rolledBack.get("reason")).startsWith("Smoke checks failed: 4 of 5 "
                + "passed");
        assertThat(world.events(null, EventTypes.RELEASE_MARKED_BAD)).singleElement()
                .satisfies(bad -> assertThat(bad).containsEntry("version", TestApp.V2));
        assertThat(world.eventTypes("staging")).containsSubsequence(EventTypes.CHECK_RECORDED,
                EventTypes.ENVIRONMENT_LOCKED, EventTypes.DEPLOYMENT_STARTED, EventTypes.DEPLOYMENT_SUCCEEDED,
                EventTypes.RELEASE_ROLLED_BACK, EventTypes.ENVIRONMENT_UNLOCKED);
    }

    @Test
    void shouldCheckTheContainersAgainstTheDigestOfTheVersionAskedForAndNotRollBackAnotherVersion() {
        world.deploy("staging", TestApp.V1).call();
        world.deploy("staging", TestApp.V2).call();

        SmokeCheckResult result = smokeCheck().setVersion(TestApp.V1).setRollbackOnFailure(world.executor()).call();

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getRolledBackTo()).isNull();
        Map<String, Object> recorded = world.events("staging", EventTypes.CHECK_RECORDED).stream()
                .filter(data -> "smoke".equals(data.get("run"))).findFirst().orElseThrow();
        assertThat(recorded).containsEntry("version", TestApp.V1).containsEntry("digest", TestApp.digest(TestApp.V1));
        Map<?, ?> container = (Map<?, ?>) ((List<?>) recorded.get("results")).get(4);
        assertThat(container.get("passed")).isEqualTo(false);
        assertThat(String.valueOf(container.get("detail"))).contains(TestApp.digest(TestApp.V2).substring(7, 19));
        assertThat(world.stagingVersions()).containsOnly(TestApp.V2);
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).isEmpty();
    }
}
