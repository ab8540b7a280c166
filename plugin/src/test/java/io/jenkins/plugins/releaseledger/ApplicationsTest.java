package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationsTest {
    @Test
    void shouldDefaultToTheJobsFullName() {
        assertThat(Applications.of(null, "shop/main")).isEqualTo("shop/main");
        assertThat(Applications.of("  ", "shop/main")).isEqualTo("shop/main");
        assertThat(Applications.of(" shop ", "shop/main")).isEqualTo("shop");
    }

    @Test
    void shouldKeepSimpleNamesReadableInUrls() {
        assertThat(Applications.urlToken("shop")).isEqualTo("shop");
        assertThat(Applications.urlToken("shop-api_2.x")).isEqualTo("shop-api_2.x");
    }

    @Test
    void shouldNeverPutSlashesPercentSignsOrDotSegmentsInUrls() {
        assertThat(Applications.urlToken("shop/main")).isEqualTo("shop~2Fmain");
        assertThat(Applications.urlToken("a b%c")).isEqualTo("a~20b~25c");
        assertThat(Applications.urlToken("..")).isEqualTo("~2E.");
        assertThat(Applications.urlToken(".hidden")).isEqualTo("~2Ehidden");
        assertThat(Applications.urlToken("café")).isEqualTo("caf~C3~A9");
        assertThat(Applications.urlToken("<script>")).isEqualTo("~3Cscript~3E");
    }

    @Test
    void shouldNotShadowTheApiOfTheFirstApplication() {
        assertThat(Applications.urlToken("api")).isEqualTo("~61pi");
        assertThat(Applications.urlToken("apis")).isEqualTo("apis");
    }

    @Test
    void shouldGiveDifferentNamesDifferentTokens() {
        List<String> names = List.of("a/b", "a~2Fb", "a~b", "a_b", "api", "~61pi", ".x", "~2Ex", "A/B", "a//b");
        Set<String> tokens = new HashSet<>();
        for (String name : names) {
            tokens.add(Applications.urlToken(name));
        }
        assertThat(tokens).hasSameSizeAs(names);
    }
}
