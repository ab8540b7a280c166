package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemverTagActionTest {
    @Test
    void shouldRecordTheResultOfTheAgent() {
        Map<String, Object> result = new HashMap<>();
        result.put("version", "1.4.0");
        result.put("tag", "v1.4.0");
        result.put("previousVersion", "1.3.2");
        result.put("commit", "0123456789abcdef0123456789abcdef01234567");
        result.put("branch", "main");
        result.put("tagCreated", true);
        result.put("pushed", true);
        result.put("dryRun", false);
        result.put("commits", List.of(Map.of("id", "0123", "subject", "feat: x")));

        SemverTagAction action = SemverTagAction.fromResult(result);

        assertThat(action.getVersion()).isEqualTo("1.4.0");
        assertThat(action.getTag()).isEqualTo("v1.4.0");
        assertThat(action.getPreviousVersion()).isEqualTo("1.3.2");
        assertThat(action.getCommit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(action.getBranch()).isEqualTo("main");
        assertThat(action.isTagCreated()).isTrue();
        assertThat(action.isPushed()).isTrue();
        assertThat(action.isDryRun()).isFalse();
        assertThat(action.describe()).isEqualTo("version 1.4.0 (v1.4.0, tag created and pushed)");
        assertThat(action.getDisplayName()).isEqualTo("Semantic version 1.4.0");
        assertThat(action.getIconFileName()).isNull();
        assertThat(action.getUrlName()).isNull();
    }

    @Test
    void shouldDescribeDryRunsAndReruns() {
        assertThat(SemverTagAction.fromResult(Map.of("version", "0.1.0", "tag", "v0.1.0", "dryRun", true)).describe())
                .isEqualTo("version 0.1.0 (v0.1.0, dry run, nothing tagged)");
        assertThat(SemverTagAction.fromResult(Map.of("version", "0.1.0", "tag", "v0.1.0")).describe())
                .isEqualTo("version 0.1.0 (v0.1.0, already tagged)");
        assertThat(SemverTagAction.fromResult(Map.of("version", "0.1.0", "tag", "v0.1.0", "tagCreated", true)).describe())
                .isEqualTo("version 0.1.0 (v0.1.0, tag created, not pushed)");
    }

    @Test
    void shouldRefuseAResultWithoutVersion() {
        assertThatIllegalArgumentException().isThrownBy(() -> SemverTagAction.fromResult(Map.of("tag", "v1")));
    }

    @Test
    void shouldHoldOnlyJdkTypesForXStream() {
        assertThat(Modifier.isFinal(SemverTagAction.class.getModifiers())).isTrue();
        assertThat(SemverTagAction.class.isRecord()).isFalse();
        for (Field field : SemverTagAction.class.getDeclaredFields()) {
            assertThat(field.getType().isPrimitive() || field.getType().getName().startsWith("java."))
                    .as("type of field %s", field.getName()).isTrue();
        }
    }
}
