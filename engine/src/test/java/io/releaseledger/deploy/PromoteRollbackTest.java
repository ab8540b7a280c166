package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresRealComponent({Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
class PromoteRollbackTest {
    @TempDir
    Path temp;

    private DeployFixture world;

    @BeforeEach
    void startWorld() throws Exception {
        world = new DeployFixture(temp);
    }

    @AfterEach
    void removeWorld() {
        world.close();
    }

    private PromoteCommand promote() {
        return new PromoteCommand(world.descriptor(), "production", world.ledger, world.executor())
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(world.messages)
                .setDeployOptions(deploy -> deploy.setLockTimeout(Duration.ZERO));
    }

    private RollbackCommand rollback(final String environment, final String reason) {
        return new RollbackCommand(world.descriptor(), environment, reason, world.ledger, world.executor())
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(world.messages)
                .setDeployOptions(deploy -> deploy.setLockTimeout(Duration.ZERO));
    }

    @Test
    void shouldPromoteTheReleaseRunningInStagingToProductionByItsDigest() {
        world.deploy("staging", TestApp.V1).call();

        DeploymentResult result = promote().call();

        assertThat(result.getPlan().getDigest()).isEqualTo(TestApp.digest(TestApp.V1));
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
        assertThat(world.container("production", 1).getImage())
                .isEqualTo(TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.V1));
        assertThat(world.eventTypes("production")).containsSubsequence(EventTypes.DEPLOYMENT_STARTED,
                EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.RELEASE_PROMOTED, EventTypes.ENVIRONMENT_UNLOCKED);
        assertThat(world.events("production", EventTypes.RELEASE_PROMOTED).get(0))
                .containsEntry("version", TestApp.V1).containsEntry("from", "staging");
        assertThat(world.current("production")).containsEntry("version", TestApp.V1);
    }

    @Test
    void shouldRefuseToPromoteAReleaseThatFailedOrIsMarkedBadUntilTheMarkIsCleared() {
        world.gateTimeout = "2s";
        world.deploy("staging", TestApp.V1).call();
        assertThatThrownBy(() -> world.deploy("staging", TestApp.UNHEALTHY).call()).isInstanceOf(DeploymentException.class);

        assertThatThrownBy(() -> promote().setVersion(TestApp.UNHEALTHY).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("never deployed successfully to staging");

        MarkBadCommand.mark(world.ledger, TestApp.V1, "prices shown without VAT").setActor(DeployFixture.ALICE)
                .setOrigin(DeployFixture.ORIGIN).call();
        assertThatThrownBy(() -> promote().call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Refusing to promote 1.0.0 from staging to production: it is marked bad "
                        + "(prices shown without VAT)");
        assertThat(world.eventTypes("production")).isEmpty();

        MarkBadCommand.clear(world.ledger, TestApp.V1, "VAT was right after all").setActor(DeployFixture.ALICE)
                .setOrigin(DeployFixture.ORIGIN).call();
        promote().call();
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
        assertThat(world.events(null, EventTypes.RELEASE_BAD_CLEARED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("version", TestApp.V1));
    }

    @Test
    void shouldRollBackByHandUnderLoadMarkTheReplacedReleaseBadAndRefuseToPromoteIt() throws Exception {
        world.deploy("staging", TestApp.V1).call();
        world.deploy("staging", TestApp.V2).call();
        world.haproxy.awaitAllServing();
        LoadLoop load = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);

        rollback("staging", "checkout broken in Safari").call();
        load.awaitRequests(load.requests() + 200).stop();

        System.out.println("Rollback of three instances under load: " + load);
        assertThat(load.failures()).as("%s; %s", load, world.haproxy.account()).isZero();
        assertThat(world.stagingVersions()).containsExactly(TestApp.V1, TestApp.V1, TestApp.V1);
        assertThat(world.haproxy.servers()).allMatch(ServerState::isServing);
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("from", TestApp.V2).containsEntry("to", TestApp.V1)
                        .containsEntry("automatic", false).containsEntry("reason", "checkout broken in Safari"));
        assertThat(world.events(null, EventTypes.RELEASE_MARKED_BAD)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("version", TestApp.V2));
        assertThat(world.current("staging")).containsEntry("version", TestApp.V1);

        assertThatThrownBy(() -> promote().setVersion(TestApp.V2).call())
                .isInstanceOf(DeploymentException.class).hasMessageContaining("it is marked bad");
    }
}
