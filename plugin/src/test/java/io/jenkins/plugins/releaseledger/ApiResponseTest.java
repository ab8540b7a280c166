package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.LedgerView;
import io.releaseledger.ledger.MetricsQuery;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.NotificationDelivery;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.NotificationRecord;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.WebMethod;
import org.kohsuke.stapler.verb.GET;

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
    void shouldCarryEachEnvironmentsLastNotificationOutcomeInTheState() {
        store.append(LedgerAccess.job("shop/main"), "shop", new EventDraft(EventTypes.NOTIFICATION_FAILED,
                new Actor("alice", null), Origin.build("shop/main", 12, "https://ci.example/job/shop/job/main/12/", false))
                .setEnvironment("production").setData(new NotificationRecord(
                        new NotificationEvent(NotificationKind.DEPLOY_FAILED, "shop", "production", "1.5.0"),
                        List.of(new NotificationDelivery("webhook", "ops", false, 3, "HTTP 500 after 3 attempts")))
                        .data()), false);

        Map<String, Object> json = Json.parseObject(ApiResponse.state(store.view("shop")).getBody());

        assertThat(json.get("notifications")).isEqualTo(Map.of("production", Map.of("type", "notification.failed",
                "version", "1.5.0", "at", ((Map<?, ?>) ((Map<?, ?>) json.get("notifications")).get("production")).get("at"),
                "failed", true, "summary", "notification failed: webhook ops (HTTP 500 after 3 attempts)")));
        assertThat(ApiResponse.stateOf(store.view("shop"))).containsKey("notifications");
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

    @Test
    @SuppressWarnings("unchecked")
    void shouldAnswerMetricsAsTheEngineComputesThem() {
        Map<String, String> parameters = ApiResponse.parameters(Map.of("weeks", "4", "until", "2026-11-30",
                "environment", "production")::get);
        ApiResponse response = ApiResponse.metrics(view, parameters);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Json.parse(response.getBody())).isEqualTo(Json.parse(Json.write(view.metrics(
                new MetricsQuery().setWeeks(4).setUntil(Instant.parse("2026-11-30T00:00:00Z"))
                        .setEnvironment("production")))));
        Map<String, Object> json = Json.parseObject(response.getBody());
        assertThat(json).containsEntry("weeks", 4L).containsEntry("until", "2026-11-30T00:00:00Z");
        assertThat((List<Map<String, Object>>) json.get("environments")).singleElement()
                .satisfies(environment -> assertThat(environment).containsEntry("name", "production"));
    }

    @Test
    void shouldRefuseMetricsParametersItDoesNotUnderstandWith400() {
        ApiResponse response = ApiResponse.metrics(view, ApiResponse.parameters(Map.of("fixWindow", "soon")::get));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(Json.parseObject(response.getBody())).containsEntry("error",
                "The fix window must be a duration such as 24h, 90m, 2d or PT24H, not 'soon'.");
    }

    /**
     * Stapler (tag 2050.v425108fd5089, core/src/main/java/org/kohsuke/stapler/MetaClass.java) routes a public
     * {@code do…} method under the names of its {@code @WebMethod}; {@code @GET} (verb/GET.java) lets only GET through.
     * Every JSON endpoint of the API, metrics too, is such a method, with the request and response as parameters.
     */
    @Test
    void shouldServeEveryApiPathByGetOnly() throws NoSuchMethodException {
        for (String name : List.of("state", "history", "metrics", "verify")) {
            Method method = ReleasesApi.class.getMethod("do" + Character.toUpperCase(name.charAt(0)) + name.substring(1),
                    StaplerRequest2.class, StaplerResponse2.class);
            assertThat(method.getAnnotation(WebMethod.class)).as(name).isNotNull()
                    .satisfies(web -> assertThat(web.name()).containsExactly(name));
            assertThat(method.getAnnotation(GET.class)).as(name).isNotNull();
        }
    }
}
