package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} in-process on 127.0.0.1: the page, its assets and the JSON API over real HTTP. */
class ServeCommandTest {
    @TempDir
    Path root;

    private ServeFixture serve;

    @BeforeEach
    void start() {
        LedgerFixture.write(root);
        serve = ServeFixture.start(root);
    }

    @AfterEach
    void stop() {
        serve.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateIsJsonWithSecurityHeaders() {
        HttpResponse<String> response = serve.get("api/state");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'self'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        Map<String, Object> state = Json.parseObject(response.body());
        assertThat((List<Map<String, Object>>) state.get("environments")).extracting(e -> e.get("name"))
                .containsExactly("staging", "production");
    }

    @Test
    @SuppressWarnings("unchecked")
    void historyPages() {
        HttpResponse<String> response = serve.get("api/history?environment=production&page=0&size=3");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> history = Json.parseObject(response.body());
        assertThat(history).containsEntry("environment", "production");
        assertThat(((Number) history.get("size")).intValue()).isEqualTo(3);
        List<Map<String, Object>> entries = (List<Map<String, Object>>) history.get("entries");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0)).containsEntry("type", "release.rolledback").containsEntry("rollback", true);

        HttpResponse<String> all = serve.get("api/history");
        assertThat(((Number) Json.parseObject(all.body()).get("total")).intValue()).isEqualTo(LedgerFixture.EVENTS);
    }

    @Test
    void verifyAnswers() {
        HttpResponse<String> response = serve.get("api/verify");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(response.body())).containsEntry("intact", true);
    }

    @Test
    void servesThePageAndItsAssets() {
        HttpResponse<String> page = serve.get("");
        HttpResponse<String> script = serve.get("releases.js");
        HttpResponse<String> style = serve.get("releases.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<div id=\"release-ledger\" data-api=\"api/\">", "releases.js", "releases.css");
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("getElementById('release-ledger')").doesNotContain("innerHTML");
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(style.body()).contains("#release-ledger");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void refusesWhatItDoesNotServe() {
        HttpResponse<String> unknown = serve.get("etc/passwd");
        HttpResponse<String> traversal = serve.get("../events.jsonl");
        HttpResponse<String> post = serve.send(HttpRequest.newBuilder(serve.uri().resolve("api/state"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> badPage = serve.get("api/history?page=first");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(traversal.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(Json.parseObject(badPage.body())).containsEntry("error", "page must be a number");
    }

    @Test
    void printsTheUrlAndStopsCleanly() {
        Cli.Result result = serve.stop();

        assertThat(result).isNotNull();
        assertThat(result.exitCode).isZero();
        assertThat(result.out.trim()).isEqualTo(serve.uri().toString());
    }

    @Test
    void seesEventsAppendedWhileServing() {
        int before = ((Number) Json.parseObject(serve.get("api/state").body()).get("events")).intValue();
        Ledger ledger = Ledger.open(root, LedgerFixture.APPLICATION);
        try {
            ledger.append(new EventDraft(EventTypes.RELEASE_MARKED_BAD, LedgerFixture.ALICE, Origin.cli("alice", "laptop"))
                    .setData(LedgerFixture.map("version", "1.4.1", "reason", "found later")));
        } finally {
            ledger.close();
        }

        Map<String, Object> state = Json.parseObject(serve.get("api/state").body());
        assertThat(((Number) state.get("events")).intValue()).isEqualTo(before + 1);
        assertThat(state.get("badReleases").toString()).contains("found later");
    }
}
