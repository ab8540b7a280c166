package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.export.ExportedBean;

class ReleaseLedgerRunActionTest {
    @Test
    void shouldListWhatTheBuildRecorded() {
        ReleaseLedgerRunAction action = new ReleaseLedgerRunAction();
        action.add(new RecordedEvent("version.tagged", "shop/main", null, "1.4.0", "tagged 1.4.0 (v1.4.0)"));
        action.add(new RecordedEvent("version.tagged", "api", null, "2.0.0", "tagged 2.0.0 (api/v2.0.0)"));

        assertThat(action.getEvents()).extracting(RecordedEvent::getApplication).containsExactly("shop/main", "api");
        assertThat(action.getEvents()).isUnmodifiable();
        RecordedEvent first = action.getEvents().get(0);
        assertThat(first.getType()).isEqualTo("version.tagged");
        assertThat(first.getEnvironment()).isNull();
        assertThat(first.getVersion()).isEqualTo("1.4.0");
        assertThat(first.getSummary()).isEqualTo("tagged 1.4.0 (v1.4.0)");
        assertThat(first.getToken()).isEqualTo("shop~2Fmain");
        assertThat(action.getIconFileName()).isNull();
        assertThat(action.getUrlName()).isNull();
    }

    @Test
    void shouldHoldOnlyJdkTypesAndFinalClassesForXStream() {
        for (Class<?> type : List.of(ReleaseLedgerRunAction.class, RecordedEvent.class)) {
            assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type).isTrue();
            assertThat(type.isRecord()).isFalse();
            assertThat(type.isAnnotationPresent(ExportedBean.class)).as("%s is exported", type).isTrue();
            for (Field field : type.getDeclaredFields()) {
                assertThat(field.getType().isPrimitive() || field.getType().getName().startsWith("java."))
                        .as("type of %s.%s", type.getSimpleName(), field.getName()).isTrue();
            }
        }
    }
}
