package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.LedgerView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiResponseTest {
    @TempDir
    Path root;

    private LedgerStore store;
    private LedgerView view;

    @BeforeEach
    void recordTwoVersions() {
        store = new LedgerStore(root);
        store.append(LedgerAccess.job("shop/main"), "shop", LedgerStoreTest.tagged("1.4.0", false), false);
        store.append(LedgerAccess.job("shop/main"), "shop", LedgerStoreTest.tagged("1.5.0", false), false);
        view = store.view("shop");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldAnswerStateAsTheContractsJson() {
        ApiResponse response = ApiResponse.state(view);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(ApiResponse.CONTENT_TYPE).isEqualTo("application/json;charset=UTF-8");
        Map<String, Object> json = Json.parseObject(response.getBody());
        assertThat(json).containsKeys("application", "events", "lastHash", "generatedAt", "environments",
                "pendingPromotion", "badReleases");
        assertThat(json).containsEntry("application", "shop");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPageHistoryNewestFirst() {
        Map<String, Object> json = Json.parseObject(ApiResponse.history(view, null, "0", "1").getBody());

        assertThat(json).containsEntry("environment", null);
        assertThat(((Number) json.get("total")).intValue()).isEqualTo(2);
        assertThat((List<?>) json.get("entries")).singleElement()
                .satisfies(entry -> assertThat((Map<String, Object>) entry).containsEntry("version", "1.5.0"));
    }

    @Test
    void shouldUseTheDefaultsForMissingParametersAndCapTheSize() {
        Map<String, Object> defaults = Json.parseObject(ApiResponse.history(view, "", null, " ").getBody());
        assertThat(((Number) defaults.get("page")).intValue()).isZero();
        assertThat(((Number) defaults.get("size")).intValue()).isEqualTo(ApiResponse.DEFAULT_PAGE_SIZE);

        Map<String, Object> capped = Json.parseObject(ApiResponse.history(view, null, "0", "5000").getBody());
        assertThat(((Number) capped.get("size")).intValue()).isEqualTo(LedgerView.MAX_PAGE_SIZE);
    }

    @Test
    void shouldRefuseParametersThatAreNotNumbers() {
        ApiResponse page = ApiResponse.history(view, null, "first", null);
        ApiResponse size = ApiResponse.history(view, null, null, "0");
        ApiResponse negative = ApiResponse.history(view, null, "-1", null);

        assertThat(List.of(page.getStatus(), size.getStatus(), negative.getStatus())).containsOnly(400);
        assertThat(Json.parseObject(page.getBody())).containsEntry("error", "page must be a whole number of at least 0");
        assertThat(Json.parseObject(size.getBody()).get("error")).asString().startsWith("size must be");
    }

    @Test
    void shouldAnswerVerify() {
        Map<String, Object> json = Json.parseObject(ApiResponse.verify(store.verify("shop")).getBody());

        assertThat(json).containsEntry("intact", true);
        assertThat(((Number) json.get("events")).intValue()).isEqualTo(2);
    }
}
