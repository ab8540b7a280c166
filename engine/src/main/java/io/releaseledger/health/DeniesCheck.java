package io.releaseledger.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A URL requested without credentials must refuse: 401 or 403, or a redirect whose {@code Location} looks like a
 * login page. An open page (200) or any other answer fails: the wrong people could see it.
 */
public final class DeniesCheck implements HealthCheck {
    static final String KIND = "denies";
    /** Words in a redirect's location that mean a login page. */
    public static final Pattern DEFAULT_LOGIN = Pattern.compile("(?i)login|signin|sign-in|sso|auth");
    private static final String EXPECTED = "401 or 403, or a redirect to a login page";

    private final String urlTemplate;
    private String name;
    private Pattern login = DEFAULT_LOGIN;
    private Duration timeout = Duration.ofSeconds(5);
    private volatile CheckClient client;

    /** @param urlTemplate {@code /admin}, or a URL with {@code {address}} and {@code {port}} */
    public DeniesCheck(final String urlTemplate) {
        this.urlTemplate = Http.template(Objects.requireNonNull(urlTemplate, "urlTemplate"));
        this.name = KIND + " " + (urlTemplate.startsWith("/") ? urlTemplate : this.urlTemplate);
    }

    public DeniesCheck setName(final String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** What a redirect's location must contain (found anywhere) to count as a login page. */
    public DeniesCheck setLoginPattern(final Pattern login) {
        this.login = Objects.requireNonNull(login, "login");
        return this;
    }

    public DeniesCheck setTimeout(final Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        this.client = null;
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    @Override
    public boolean usesTarget() {
        return Http.usesTarget(urlTemplate);
    }

    @Override
    public CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        String url = Placeholders.fill(urlTemplate, target);
        Optional<URI> uri = Http.parse(url);
        if (uri.isEmpty()) {
            return CheckResult.failed(name, KIND, "'" + url + "' is not a valid URL", Durations.millisSince(start));
        }
        HttpRequest request = HttpRequest.newBuilder(uri.get()).GET().timeout(timeout)
                .header("User-Agent", Http.USER_AGENT).build();
        try {
            HttpResponse<byte[]> response = Http.send(client(), request, timeout, start);
            return judge(response, Durations.millisSince(start));
        } catch (IOException | TimeoutException e) {
            String reason = Http.failure(e, timeout);
            return CheckResult.failed(name, KIND, "GET " + url + ": " + reason, Durations.millisSince(start))
                    .withExpected(EXPECTED).withActual(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed(name, KIND, "GET " + url + ": interrupted", Durations.millisSince(start));
        }
    }

    private CheckResult judge(final HttpResponse<byte[]> response, final long millis) {
        int status = response.statusCode();
        String answer = Http.statusText(status);
        if (status == 401 || status == 403) {
            return CheckResult.passed(name, KIND, "refused with " + answer + " in " + millis + " ms", millis);
        }
        Optional<String> location = response.headers().firstValue("Location");
        if (Http.isRedirect(status) && location.isPresent()) {
            if (login.matcher(location.get()).find()) {
                return CheckResult.passed(name, KIND, "redirected to the login page " + location.get() + " in "
                        + millis + " ms", millis);
            }
            return CheckResult.failed(name, KIND, "redirected to " + location.get() + ", which is not a login page",
                    millis).withExpected(EXPECTED).withActual(answer + " to " + location.get());
        }
        return CheckResult.failed(name, KIND, "answered " + answer + " without credentials: it must refuse",
                millis).withExpected(EXPECTED).withActual(answer + ": " + new String(response.body(),
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    private CheckClient client() {
        CheckClient current = client;
        if (current == null) {
            current = new CheckClient(timeout, null);
            client = current;
        }
        return current;
    }

    @Override
    public String toString() {
        return name;
    }
}
