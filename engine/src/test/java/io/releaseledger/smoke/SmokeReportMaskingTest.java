package io.releaseledger.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.health.CheckResult;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.SecretMask;
import io.releaseledger.json.Json;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * The smoke report's three outputs (table, ledger JSON, JUnit XML) with secrets that look like markup or syntax, and
 * with a secret that comes back encoded: each output stays parseable, and no form of the secret is left.
 */
class SmokeReportMaskingTest {
    private static final String SECRET = "Pa55 w/rd\"<&>é+:'";

    @Test
    void shouldKeepEveryOutputValidWhateverTheSecretIs() throws Exception {
        for (String secret : List.of("true", "x", "\"", "<", "&", ">", "'", ":", "ml", "testcase", "quot", "amp",
                "\\", "{", ",", "1", "****")) {
            CheckResult failed = CheckResult.failed("api <v2> & \"x\"", "http", "expected 200, got 500 true", 12)
                    .withExpected("status 200").withActual("{\"ok\":true,\"x\":\"<b>&amp;</b>\"}")
                    .withTarget("127.0.0.1:8080").withAttempt(2);
            CheckResult passed = CheckResult.passed("home", "http", "200 OK in 3 ms", 3).withTarget("127.0.0.1:8080");
            SmokeReport report = new SmokeReport(List.of(failed, passed), Set.of(), Duration.ofMillis(15),
                    "failFast: api \"x\" <true>", new SecretMask(List.of(secret)));

            Document xml = parse(report.toJUnitXml("smoke staging"));
            Map<String, Object> json = Json.parseObject(Json.write(report.toJson("1.4.0", "d-1", "staging")));

            assertThat(xml.getDocumentElement().getTagName()).as(secret).isEqualTo("testsuite");
            assertThat(xml.getDocumentElement().getAttribute("tests")).as(secret).isEqualTo("2");
            assertThat(xml.getElementsByTagName("testcase").getLength()).as(secret).isEqualTo(2);
            assertThat(json.get("passed")).as(secret).isEqualTo(false);
            assertThat((List<?>) json.get("results")).as(secret).hasSize(2);
            assertThat(report.toTable()).as(secret).contains("FAIL").contains("PASS");
        }
    }

    @Test
    void shouldMaskEveryEncodedFormOfTheSecretAHttpCheckSees() throws Exception {
        String url = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        String basic = Base64.getEncoder().encodeToString(("ci:" + SECRET).getBytes(StandardCharsets.UTF_8));
        String body = "url=" + url + " pct=" + lowerHex(url.replace("+", "%20"))
                + " json=" + Json.write(Map.of("p", SECRET)) + " ascii=" + Json.writeAscii(SECRET)
                + " xml=" + SECRET.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;")
                + " b64=" + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))
                + " basic=" + basic;
        try (SmokeServer server = new SmokeServer((exchange, n) -> SmokeServer.answer(exchange, 500, body))) {
            SmokeCheck check = new SmokeCheck(new HttpCheck("/").setBasicAuth("ci", SECRET), Duration.ofSeconds(5));

            SmokeReport report = new SmokeCheckRun(List.of(check), List.of(server.target())).call();

            String xml = report.toJUnitXml("smoke");
            String json = Json.write(report.toJson("1.0.0", null, "staging"));
            String all = report.toTable() + json + xml + parse(xml).getDocumentElement().getTextContent()
                    + Json.parseObject(json);
            assertThat(all).contains("url=****", "pct=****", "b64=****", "basic=****");
            for (String form : SecretMask.forms(SECRET)) {
                assertThat(all).as(form).doesNotContain(form);
            }
            assertThat(all).doesNotContain(basic).doesNotContain("Pa55");
        }
    }

    @Test
    void shouldMaskASecretThatTheCutToOneLineWouldSplit() throws Exception {
        String secret = "tok-3f9a8b7c6d5e4f3a";
        int first = CheckResult.MAX_ACTUAL - 40;
        // Request n puts the secret at character first + n of the answer: across the cut for some n.
        try (SmokeServer server = new SmokeServer((exchange, n) -> SmokeServer.answer(exchange, 500,
                "a".repeat(first + n) + secret + " and more"))) {
            for (int n = 0; n < 45; n++) {
                SmokeCheck check = new SmokeCheck(new HttpCheck("/"), Duration.ofSeconds(5));

                SmokeReport report = new SmokeCheckRun(List.of(check), List.of(server.target()))
                        .setSecretMask(new SecretMask(List.of(secret))).call();

                String all = report.toTable() + Json.write(report.toJson("1.0.0", null, "staging"))
                        + report.toJUnitXml("smoke");
                assertThat(all).as("answer " + n).doesNotContain("tok-3f9a");
            }
            assertThat(server.requests()).isEqualTo(45);
        }
    }

    private static String lowerHex(final String encoded) {
        return Pattern.compile("%[0-9A-F]{2}").matcher(encoded).replaceAll(hex -> hex.group().toLowerCase(Locale.ROOT));
    }

    private static Document parse(final String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
