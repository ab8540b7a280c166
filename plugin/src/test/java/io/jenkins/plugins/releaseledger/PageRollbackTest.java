package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Cause;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Queue;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/** Rolling back from the Releases page: checked against the ledger before a build starts; the build gets what to do. */
class PageRollbackTest {
    @TempDir
    Path root;

    private static void deploy(final Ledger ledger, final String version) {
        Actor ci = new Actor("ci", null);
        Origin origin = Origin.cli("ci", "controller");
        String id = "production-" + version;
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ci, origin).setEnvironment("production")
                .setData(Map.of("deploymentId", id, "version", version,
                        "image", Map.of("repository", "registry.example/shop", "digest", "sha256:" + version))));
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ci, origin).setEnvironment("production")
                .setData(Map.of("deploymentId", id, "version", version)));
    }

    @Test
    void shouldNameTheReleaseTheRollbackReturnsTo() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            deploy(ledger, "1.0.0");
            deploy(ledger, "1.1.0");

            assertThat(PageRollback.check(ledger, " production ", "", "checkout broken")).isEqualTo("1.0.0");
            assertThat(PageRollback.check(ledger, "production", "1.0.0", "checkout broken")).isEqualTo("1.0.0");
        }
    }

    @Test
    void shouldRefuseWhatCannotSucceedAndRecordNothing() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            deploy(ledger, "1.0.0");
            int events = ledger.events("production").size();

            assertThatThrownBy(() -> PageRollback.check(ledger, "", "", "why")).isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("Name the environment");
            assertThatThrownBy(() -> PageRollback.check(ledger, "production", "", " ")).isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("Give the reason");
            assertThatThrownBy(() -> PageRollback.check(ledger, "production", "", "a\nb"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("one line");
            assertThatThrownBy(() -> PageRollback.check(ledger, "production", "", "x".repeat(501)))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("at most 500");
            assertThatThrownBy(() -> PageRollback.check(ledger, "production", "", "why"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("no earlier release");
            assertThatThrownBy(() -> PageRollback.check(ledger, "production", "1.0.0", "why"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("it runs already");
            assertThatThrownBy(() -> PageRollback.check(ledger, "production", "0.9.0", "why"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("no image digest");
            assertThatThrownBy(() -> PageRollback.check(ledger, "staging", "", "why"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("no release running there");
            assertThat(ledger.events("production")).hasSize(events);
        }
    }

    @Test
    void shouldGiveTheBuildItsRequestAsEnvironmentVariables() {
        PageRollbackRequest request = new PageRollbackRequest("production", "1.0.0", "checkout broken", "alice");

        assertThat(request.variables()).containsExactly(Map.entry("RELEASE_LEDGER_ROLLBACK_ENVIRONMENT", "production"),
                Map.entry("RELEASE_LEDGER_ROLLBACK_VERSION", "1.0.0"),
                Map.entry("RELEASE_LEDGER_ROLLBACK_REASON", "checkout broken"),
                Map.entry("RELEASE_LEDGER_ROLLBACK_REQUESTED_BY", "alice"));
        // Run.getEnvironment (jenkins-2.541.3) asks every EnvironmentContributingAction of a Pipeline's run.
        assertThat(request).isInstanceOf(EnvironmentContributingAction.class);
        // Not folded into a queue item already waiting (Queue.QueueAction.shouldSchedule): no request is lost.
        assertThat(request).isInstanceOf(Queue.QueueAction.class);
        assertThat(request.shouldSchedule(List.of(new PageRollbackRequest("staging", "1.0.0", "x", "bob")))).isTrue();
        assertThat(request.getIconFileName()).isNull();
        assertThat(request.getUrlName()).isNull();
    }

    @Test
    void shouldStartTheBuildAsTheUserWhoAsked() {
        // Whatever reads the starter (DeployIdentity.starter, Authorize Project) asks run.getCause(UserIdCause.class),
        // which in jenkins-2.541.3 matches subclasses (type.isInstance).
        assertThat(Cause.UserIdCause.class).isAssignableFrom(PageRollbackCause.class);
        assertThat(PageRollback.describe("alice", "production", "1.0.0", "checkout broken"))
                .isEqualTo("Rollback of production to 1.0.0 requested on the Releases page by alice: checkout broken");
    }

    @Test
    void shouldAcceptOnlyPostWithItsOwnPermission() throws Exception {
        assertThat(ApplicationReleases.class.getMethod("doRollback", StaplerRequest2.class, StaplerResponse2.class)
                .isAnnotationPresent(RequirePOST.class)).isTrue();
        assertThat(ApplicationReleases.class.getMethod("isRollbackAllowed")).isNotNull();
    }
}
