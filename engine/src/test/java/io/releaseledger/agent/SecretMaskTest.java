package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Test
    void shouldMaskTheEncodedFormsOfASecret() {
        String secret = "p@ss w/rd\"<&>é";
        SecretMask mask = SecretMask.withBasicAuth(List.of(), "ci", List.of(secret));
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        String text = String.join(" | ", secret, url, url.replace("+", "%20"), java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(url).replaceAll(hex -> hex.group().toLowerCase()),
                Json.write(secret), Json.writeAscii(secret), "p@ss w/rd&quot;&lt;&amp;&gt;é",
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString(("ci:" + secret).getBytes(StandardCharsets.UTF_8)));

        assertThat(mask.mask(text)).isEqualTo("**** | **** | **** | **** | \"****\" | \"****\" | **** | **** | Basic ****");
    }

    @Test
    void shouldMaskValuesAndKeepTheJsonValid() {
        SecretMask mask = new SecretMask(List.of("true", "MINOR", "null"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", true);
        result.put("bump", "MINOR");
        result.put("note", "null and true");
        result.put("list", List.of("true", 4, false));
        result.put("nothing", null);

        String json = Json.write(mask.maskValues(result));

        assertThat(Json.parseObject(json)).containsEntry("ok", true).containsEntry("bump", "****")
                .containsEntry("note", "**** and ****").containsEntry("nothing", null);
        assertThat(json).isEqualTo("{\"ok\":true,\"bump\":\"****\",\"note\":\"**** and ****\","
                + "\"list\":[\"****\",4,false],\"nothing\":null}");
    }
}
