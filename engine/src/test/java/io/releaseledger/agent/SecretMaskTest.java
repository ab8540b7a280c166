package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
    @Test
    void shouldMaskEveryOccurrence() {
        SecretMask mask = new SecretMask(List.of("hunter22"));

        assertThat(mask.mask("https://ci:hunter22@host/x.git failed: hunter22"))
                .isEqualTo("https://ci:****@host/x.git failed: ****");
    }

    @Test
    void shouldMaskTheLongerSecretWhole() {
        SecretMask mask = new SecretMask(List.of("abcd", "abcdefgh"));

        assertThat(mask.mask("x abcdefgh y abcd")).isEqualTo("x **** y ****");
    }

    @Test
    void shouldMaskSingleLinesOfAKeyButNotItsHeaders() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAline1\nBBBBline2\n-----END OPENSSH PRIVATE KEY-----";
        SecretMask mask = new SecretMask(List.of(key));

        assertThat(mask.mask("bad key line BBBBline2")).isEqualTo("bad key line ****");
        assertThat(mask.mask(key)).isEqualTo("****");
        assertThat(mask.mask("-----BEGIN OPENSSH PRIVATE KEY-----")).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----");
    }

    @Test
    void shouldLeaveTextAloneWithoutSecrets() {
        assertThat(new SecretMask(List.of()).mask("plain")).isEqualTo("plain");
        assertThat(new SecretMask(List.of("ab")).mask("abc")).isEqualTo("abc");
        assertThat(new SecretMask(List.of("x")).mask(null)).isNull();
    }
}
