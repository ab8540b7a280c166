package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PermissionTextsTest {
    @Test
    void shouldResolveEveryText() {
        assertThat(PermissionTexts.group().toString(Locale.ENGLISH)).isEqualTo("Release Ledger");
        assertThat(PermissionTexts.deployProtected().toString(Locale.ENGLISH)).startsWith("Deploy to protected environments");
        assertThat(PermissionTexts.clearBad().toString(Locale.ENGLISH)).startsWith("Clear a bad mark");
        assertThat(PermissionTexts.rollback().toString(Locale.ENGLISH)).startsWith("Roll back from the Releases page");
        assertThat(PermissionTexts.approve().toString(Locale.ENGLISH)).startsWith("Approve releases");
        assertThat(PermissionTexts.overrideFreeze().toString(Locale.ENGLISH)).startsWith("Override freeze windows");
    }
}
