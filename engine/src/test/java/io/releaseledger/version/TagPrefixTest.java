package io.releaseledger.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagPrefixTest {
    @Test
    void shouldReadOnlyTagsOfItsPrefix() {
        TagPrefix api = TagPrefix.of("api/v");

        assertThat(api.parseTag("api/v1.2.0")).hasValue(SemanticVersion.parse("1.2.0"));
        assertThat(api.parseTag("api/v1.3.0-rc.1")).hasValue(SemanticVersion.parse("1.3.0-rc.1"));
        assertThat(api.parseTag("v1.2.0")).isEmpty();
        assertThat(api.parseTag("web/v1.2.0")).isEmpty();
        assertThat(api.parseTag("api/vnext")).isEmpty();
        assertThat(api.tagName(SemanticVersion.parse("2.0.0"))).isEqualTo("api/v2.0.0");
    }

    @Test
    void shouldAllowAnEmptyPrefix() {
        assertThat(TagPrefix.of("").parseTag("1.0.0")).hasValue(SemanticVersion.of(1, 0, 0));
        assertThat(TagPrefix.of("").parseTag("v1.0.0")).isEmpty();
        assertThat(TagPrefix.of("v")).isSameAs(TagPrefix.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "api/v", "release-", "tools/cli/", "V_", "component.v"})
    void shouldAcceptPrefixesGitAccepts(final String prefix) {
        assertThat(TagPrefix.of(prefix).getValue()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v1|must not end with a digit",
            "my tag/|character ' '",
            "a..b/|'..'",
            "api//v|'//'",
            "/v|must not start with '/'",
            "-v|must not start with '/' or '-'",
            "api/.v|may start with '.'",
            "x~|character '~'",
            "x:|character ':'",
            "refs/tags/v|without 'refs/tags/'",
            "pkg.lock/v|'.lock'"})
    void shouldRejectPrefixesGitRefuses(final String prefix, final String rule) {
        assertThatThrownBy(() -> TagPrefix.of(prefix))
                .isInstanceOf(InvalidTagPrefixException.class)
                .hasMessageStartingWith("invalid tag prefix '" + prefix + "': ")
                .hasMessageContaining(rule);
    }
}
