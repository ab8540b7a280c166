package io.releaseledger.policy;

import io.releaseledger.json.Json;
import io.releaseledger.json.JsonException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an application's policy from JSON (the CLI's {@code policy.json} beside the ledger):
 *
 * <pre>{@code
 * {"environments": {"production": {
 *     "approvals": {"required": 2, "approvers": ["release-managers", "alice"]},
 *     "freezeWindows": [
 *         {"name": "year-end", "from": "2026-12-20T00:00:00Z", "to": "2027-01-04T00:00:00Z"},
 *         {"name": "weekend", "cron": "0 18 * * FRI", "duration": "62h", "timeZone": "Europe/Berlin"}]}}}
 * }</pre>
 * Every problem is reported with where it is ({@code environments.production.freezeWindows[1]}) and the fix.
 */
public final class PolicyReader {
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("approvals", "freezeWindows");
    private static final Set<String> APPROVAL_KEYS = Set.of("required", "approvers");
    private static final Set<String> WINDOW_KEYS = Set.of("name", "from", "to", "cron", "duration", "timeZone");

    private final String source;

    /** @param source where the text comes from, named in every message */
    public PolicyReader(final String source) {
        this.source = source;
    }

    /** @throws PolicyException naming the source, the place and the fix */
    public ReleasePolicy read(final String text) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (JsonException e) {
            throw problem("", "is not a JSON object (" + e.getMessage() + ")");
        }
        unknownKeys(json, Set.of("environments"), "");
        ReleasePolicy policy = new ReleasePolicy();
        Object environments = json.get("environments");
        if (environments == null) {
            return policy;
        }
        for (Map.Entry<String, Object> entry : object(environments, "environments").entrySet()) {
            policy.add(environment(entry.getKey(), object(entry.getValue(), "environments." + entry.getKey())));
        }
        return policy;
    }

    private EnvironmentPolicy environment(final String name, final Map<String, Object> json) {
        String at = "environments." + name;
        unknownKeys(json, ENVIRONMENT_KEYS, at);
        EnvironmentPolicy policy = new EnvironmentPolicy(name);
        if (json.get("approvals") != null) {
            policy.setApprovals(approvals(object(json.get("approvals"), at + ".approvals"), at + ".approvals"));
        }
        if (json.get("freezeWindows") != null) {
            if (!(json.get("freezeWindows") instanceof List<?> list)) {
                throw problem(at + ".freezeWindows", "must be a list of windows");
            }
            List<FreezeWindow> windows = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String place = at + ".freezeWindows[" + i + "]";
                windows.add(window(object(list.get(i), place), place));
            }
            try {
                policy.setFreezeWindows(windows);
            } catch (PolicyException e) {
                throw problem(at + ".freezeWindows", e.getMessage());
            }
        }
        return policy;
    }

    private ApprovalRule approvals(final Map<String, Object> json, final String at) {
        unknownKeys(json, APPROVAL_KEYS, at);
        if (!(json.get("required") instanceof Long required) || required < 1 || required > 100) {
            throw problem(at + ".required", "must be a whole number from 1 to 100 (how many approvals a release "
                    + "needs)");
        }
        List<String> approvers = new ArrayList<>();
        Object list = json.get("approvers");
        if (list != null) {
            if (!(list instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)) {
                throw problem(at + ".approvers", "must be a list of user ids or group names");
            }
            names.forEach(approver -> approvers.add((String) approver));
        }
        return new ApprovalRule(required.intValue(), approvers);
    }

    private FreezeWindow window(final Map<String, Object> json, final String at) {
        unknownKeys(json, WINDOW_KEYS, at);
        String name = string(json, "name", at);
        if (name == null) {
            throw problem(at + ".name", "is missing: every window needs a name, shown when a deploy is refused");
        }
        String cron = string(json, "cron", at);
        String from = string(json, "from", at);
        String to = string(json, "to", at);
        try {
            if (cron != null) {
                if (from != null || to != null) {
                    throw problem(at, "has both cron and from/to; a window is either recurring or one-off");
                }
                return FreezeWindow.recurring(name, cron, duration(string(json, "duration", at)),
                        string(json, "timeZone", at));
            }
            if (from == null || to == null) {
                throw problem(at, "needs from and to (ISO-8601 instants such as 2026-12-20T00:00:00Z), or cron, "
                        + "duration and timeZone");
            }
            return FreezeWindow.once(name, instant(from, at + ".from"), instant(to, at + ".to"));
        } catch (PolicyException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw problem(at, e.getMessage());
        }
    }

    /** ISO-8601 ({@code PT62H}) or a number with {@code m}, {@code h} or {@code d}. */
    static Duration duration(final String text) {
        if (text == null) {
            throw new PolicyException("the duration is missing: write how long each occurrence lasts, e.g. 62h "
                    + "or PT62H");
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.matches("[0-9]{1,6}[mhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                return switch (value.charAt(value.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new PolicyException("the duration '" + text + "' is not a duration; write e.g. 90m, 62h, 2d or "
                + "PT62H");
    }

    private Instant instant(final String text, final String at) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw problem(at, "'" + text + "' is not an instant; write ISO-8601 with a zone, e.g. "
                    + "2026-12-20T00:00:00Z");
        }
    }

    private String string(final Map<String, Object> json, final String key, final String at) {
        Object value = json.get(key);
        if (value != null && !(value instanceof String)) {
            throw problem(at + "." + key, "must be a string");
        }
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(final Object value, final String at) {
        if (!(value instanceof Map)) {
            throw problem(at, "must be an object");
        }
        return (Map<String, Object>) value;
    }

    private void unknownKeys(final Map<String, Object> json, final Set<String> known, final String at) {
        for (String key : json.keySet()) {
            if (!known.contains(key)) {
                throw problem(at.isEmpty() ? key : at + "." + key, "is not known here; use "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private PolicyException problem(final String at, final String what) {
        return new PolicyException(source + (at.isEmpty() ? "" : ": " + at) + ": " + (what.endsWith(".") ? what : what + "."));
    }
}
