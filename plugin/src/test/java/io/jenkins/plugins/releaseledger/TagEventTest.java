package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TagEventTest {
    private static final UnaryOperator<String> NO_MASK = UnaryOperator.identity();

    @Test
    void shouldRecordCreatedTagsOnly() {
        assertThat(TagEvent.decide(Map.of("version", "1.0.0", "tagCreated", true, "pushed", true)))
                .isEqualTo(TagEvent.Decision.RECORD);
        assertThat(TagEvent.decide(Map.of("version", "1.0.0", "alreadyTagged", true)))
                .isEqualTo(TagEvent.Decision.RECORD_IF_MISSING);
        assertThat(TagEvent.decide(Map.of("version", "1.0.0", "dryRun", true, "alreadyTagged", true)))
                .isEqualTo(TagEvent.Decision.NONE);
        assertThat(TagEvent.decide(Map.of("version", "1.0.0"))).isEqualTo(TagEvent.Decision.NONE);
    }

    @Test
    void shouldCarryWhatTheContractNames() {
        EventDraft draft = TagEvent.draft(result(), new Actor("alice", "Alice Example"),
                Origin.build("shop/main", 212, "https://ci.example/job/shop/job/main/212/", false), NO_MASK);

        assertThat(draft.getType()).isEqualTo(EventTypes.VERSION_TAGGED);
        assertThat(draft.getEnvironment()).isNull();
        assertThat(draft.getActor()).isEqualTo(new Actor("alice", "Alice Example"));
        assertThat(draft.getOrigin().getBuild()).isEqualTo(212);
        assertThat(draft.getData()).containsExactly(
                Map.entry("version", "1.4.0"),
                Map.entry("tag", "v1.4.0"),
                Map.entry("commit", "9fceb02d0ae598e95dc970b74767f19372d61af8"),
                Map.entry("previousVersion", "1.3.2"),
                Map.entry("commits", List.of(
                        Map.of("id", "9fceb02d0ae598e95dc970b74767f19372d61af8", "subject", "feat: search"),
                        Map.of("id", "1111111111111111111111111111111111111111", "subject", "fix: <b>cart</b>"))));
    }

    @Test
    void shouldKeepAMissingPreviousVersionAsNull() {
        Map<String, Object> result = result();
        result.remove("previousVersion");

        assertThat(TagEvent.data(result, NO_MASK)).containsEntry("previousVersion", null);
    }

    @Test
    void shouldMaskSecretsInWhatItRecords() {
        Map<String, Object> result = result();
        result.put("commits", List.of(Map.of("id", "1", "subject", "chore: rotate s3cr3t")));

        Map<String, Object> data = TagEvent.data(result, text -> text.replace("s3cr3t", "****"));

        assertThat(data.get("commits")).isEqualTo(List.of(Map.of("id", "1", "subject", "chore: rotate ****")));
    }

    @Test
    void shouldRefuseAResultWithoutVersion() {
        assertThatIllegalArgumentException().isThrownBy(() -> TagEvent.version(Map.of("tag", "v1")));
    }

    private static Map<String, Object> result() {
        Map<String, Object> result = new HashMap<>();
        result.put("version", "1.4.0");
        result.put("tag", "v1.4.0");
        result.put("previousVersion", "1.3.2");
        result.put("previousTag", "v1.3.2");
        result.put("commit", "9fceb02d0ae598e95dc970b74767f19372d61af8");
        result.put("branch", "main");
        result.put("bump", "MINOR");
        result.put("commits", List.of(
                Map.of("id", "9fceb02d0ae598e95dc970b74767f19372d61af8", "subject", "feat: search", "type", "feat", "bump", "MINOR"),
                Map.of("id", "1111111111111111111111111111111111111111", "subject", "fix: <b>cart</b>", "type", "fix", "bump", "PATCH")));
        result.put("tagCreated", true);
        result.put("pushed", true);
        result.put("dryRun", false);
        return result;
    }
}
