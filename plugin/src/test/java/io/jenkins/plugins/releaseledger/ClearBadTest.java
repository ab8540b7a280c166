package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.MarkBadCommand;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClearBadTest {
    private static final String ROOT = "https://ci.example/";
    private static final String PAGE = "https://ci.example/job/shop/releases/shop/";

    @TempDir
    Path root;

    @Test
    void shouldRecordTheClearingWithTheUserAndTheReleasesPage() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            MarkBadCommand.mark(ledger, "1.4.0", "checkout broken").setActor(new Actor("bob", "Bob")).call();

            ClearBad.clear(ledger, " 1.4.0 ", "fixed by a config change", "alice", "Alice", "shop", ROOT, "shop");

            assertThat((List<?>) ledger.view().state().get("badReleases")).isEmpty();
            Map<String, Object> last = lastEvent(ledger, "1.4.0");
            assertThat(last.get("type")).isEqualTo(EventTypes.RELEASE_BAD_CLEARED);
            assertThat(last.toString()).contains("alice").contains("fixed by a config change").contains(PAGE);
        }
    }

    @Test
    void shouldRefuseToClearWhatIsNotMarkedOrWithoutAReason() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThatThrownBy(() -> ClearBad.clear(ledger, "1.4.0", "why not", "alice", "Alice", "shop", ROOT, "shop"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("not marked bad");
            MarkBadCommand.mark(ledger, "1.4.0", "checkout broken").call();
            assertThatThrownBy(() -> ClearBad.clear(ledger, "1.4.0", " ", "alice", "Alice", "shop", ROOT, "shop"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("reason");
            assertThat((List<?>) ledger.view().state().get("badReleases")).hasSize(1);
        }
    }

    @Test
    void shouldComeFromTheJobWithoutABuildNumber() {
        Origin origin = ClearBad.origin("shop/main", ROOT, "shop");

        assertThat(origin.getKind()).isEqualTo(Origin.JENKINS);
        assertThat(origin.getJob()).isEqualTo("shop/main");
        assertThat(origin.getBuild()).isNull();
        assertThat(origin.getUrl()).isEqualTo("https://ci.example/job/shop/job/main/releases/shop/");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastEvent(final Ledger ledger, final String version) {
        Map<String, Object> history = ledger.view().releaseHistory(version, 0, 10);
        List<Object> entries = (List<Object>) history.get("entries");
        return (Map<String, Object>) entries.get(0);
    }
}
