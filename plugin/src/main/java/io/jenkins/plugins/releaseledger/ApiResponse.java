package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.NotificationOutcomes;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.LedgerView;
import io.releaseledger.ledger.MetricsQuery;
import io.releaseledger.ledger.Verification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One answer of the Releases JSON API (docs/releases-api.md): status and body. Built without Jenkins, written by
 * {@link ReleasesApi}.
 */
final class ApiResponse {
    static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    static final int DEFAULT_PAGE_SIZE = 20;
    static final List<String> METRICS_PARAMETERS = List.of("environment", "weeks", "until", "fixWindow");

    private final int status;
    private final String body;

    private ApiResponse(final int status, final Object json) {
        this.status = status;
        this.body = Json.write(json);
    }

    static ApiResponse state(final LedgerView view) {
        return new ApiResponse(200, stateOf(view));
    }

    /** The view's state with each environment's last notification outcome ({@code notifications}) beside it. */
    static Map<String, Object> stateOf(final LedgerView view) {
        return NotificationOutcomes.withNotifications(view, view.state());
    }

    /** {@code api/state} with the application's governance (approvals waiting, freeze windows) beside it. */
    static ApiResponse state(final Map<String, Object> viewState, final Map<String, Object> governance) {
        Map<String, Object> state = new LinkedHashMap<>(viewState);
        state.put("governance", governance);
        return new ApiResponse(200, state);
    }

    /** {@code api/history?environment=NAME&page=0&size=20}; a page or size that is not a number is a 400. */
    static ApiResponse history(final LedgerView view, final String environment, final String page, final String size) {
        Integer pageNumber = number(page, 0);
        Integer pageSize = number(size, DEFAULT_PAGE_SIZE);
        if (pageNumber == null || pageNumber < 0) {
            return error(400, "page must be a whole number of at least 0");
        }
        if (pageSize == null || pageSize < 1) {
            return error(400, "size must be a whole number from 1 to " + LedgerView.MAX_PAGE_SIZE);
        }
        String name = environment == null || environment.isBlank() ? null : environment;
        return new ApiResponse(200, view.history(name, pageNumber, Math.min(pageSize, LedgerView.MAX_PAGE_SIZE)));
    }

    /** {@code api/metrics}: the parameters as {@link MetricsQuery#of} reads them; one it does not understand is a 400. */
    static ApiResponse metrics(final LedgerView view, final Map<String, String> parameters) {
        MetricsQuery query;
        try {
            query = MetricsQuery.of(parameters);
        } catch (ReleaseLedgerException e) {
            return error(400, e.getMessage());
        }
        return new ApiResponse(200, view.metrics(query));
    }

    /** The query parameters {@code api/metrics} reads, from the request. */
    static Map<String, String> parameters(final UnaryOperator<String> parameter) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : METRICS_PARAMETERS) {
            parameters.put(name, parameter.apply(name));
        }
        return parameters;
    }

    static ApiResponse verify(final Verification verification) {
        return new ApiResponse(200, verification.toJson());
    }

    static ApiResponse error(final int status, final String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", message);
        return new ApiResponse(status, json);
    }

    int getStatus() {
        return status;
    }

    String getBody() {
        return body;
    }

    private static Integer number(final String text, final int defaultValue) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
