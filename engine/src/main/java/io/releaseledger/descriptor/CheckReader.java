package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one check of {@code healthGate.checks} or {@code smokeChecks.checks}: {@code kind: value} where value is the
 * short form (a URL, an address, a command list) or a mapping of the kind's keys plus the common ones.
 */
final class CheckReader {
    static final List<String> GATE_KINDS = List.of("http", "tcp", "container", "command");
    static final List<String> SMOKE_KINDS = List.of("http", "denies", "tcp", "command", "container", "heartbeat",
            "browser", "drift");
    static final Set<String> SMOKE_PLACEHOLDERS = Set.of("address", "port", "environment");
    private static final Set<String> COMMON_KEYS = Set.of("name", "timeout");
    private static final Set<String> RETRY_KEYS = Set.of("retries", "backoff");
    private static final int MAX_RETRIES = 20;

    private final Problems problems;
    private final boolean smoke;
    private final List<String> kinds;

    /** @param smoke whether this is a smokeChecks check (retries, and only {address}, {port}, {environment}) */
    CheckReader(final Problems problems, final boolean smoke) {
        this.problems = problems;
        this.smoke = smoke;
        this.kinds = smoke ? SMOKE_KINDS : GATE_KINDS;
    }

    Problems problems() {
        return problems;
    }

    boolean isSmoke() {
        return smoke;
    }

    HealthCheckSpec read(final String path, final YamlNode node) {
        String type;
        YamlNode value;
        if (node instanceof YamlNode.Scalar && !((YamlNode.Scalar) node).isNull()) {
            type = ((YamlNode.Scalar) node).getText();
            value = null;
        } else if (node instanceof YamlNode.Mapping && ((YamlNode.Mapping) node).getEntries().size() == 1) {
            Map.Entry<String, YamlNode> entry = ((YamlNode.Mapping) node).getEntries().entrySet().iterator().next();
            type = entry.getKey();
            value = entry.getValue();
            if (value instanceof YamlNode.Scalar && ((YamlNode.Scalar) value).isNull()) {
                value = null;
            }
        } else {
            problems.add(path, node, "a check is one of " + String.join(": …, ", kinds.subList(0, kinds.size() - 1))
                    + ": … or " + kinds.get(kinds.size() - 1) + ": …");
            return null;
        }
        if (!smoke && "drift".equals(type)) {
            problems.add(path, node, "the drift check compares the environment with the ledger, which a deploy "
                    + "changes while its gate runs; put it in smokeChecks, not in healthGate");
            return null;
        }
        if (!kinds.contains(type)) {
            problems.add(path, node, "unknown check '" + type + "'" + Suggestions.didYouMean(type, Set.copyOf(kinds))
                    + "; use " + String.join(", ", kinds.subList(0, kinds.size() - 1)) + " or "
                    + kinds.get(kinds.size() - 1));
            return null;
        }
        String checkPath = path + "." + type;
        switch (type) {
            case "http":
                return new HttpCheckReader(this).http(checkPath, value, node);
            case "denies":
                return new HttpCheckReader(this).denies(checkPath, value, node);
            case "tcp":
                return KindReaders.tcp(this, checkPath, value);
            case "command":
                return KindReaders.command(this, checkPath, value, node);
            case "container":
                return KindReaders.container(this, checkPath, value);
            case "heartbeat":
                return KindReaders.heartbeat(this, checkPath, value, node);
            case "drift":
                return KindReaders.drift(this, checkPath, value);
            default:
                return KindReaders.browser(this, checkPath, value, node);
        }
    }

    /** The kind's keys with the common ones. */
    Set<String> keys(final Set<String> kindKeys) {
        Set<String> keys = new TreeSet<>(kindKeys);
        keys.addAll(COMMON_KEYS);
        if (smoke) {
            keys.addAll(RETRY_KEYS);
        }
        return keys;
    }

    /** Name, timeout, retries and backoff from a check's mapping, {@code fields} may be {@code null} (short form). */
    CheckOptions options(final Fields fields, final Duration defaultTimeout) {
        if (fields == null) {
            return CheckOptions.defaults(defaultTimeout);
        }
        String name = fields.string("name", null);
        Duration timeout = fields.duration("timeout", defaultTimeout);
        if (timeout != null && timeout.isZero()) {
            problems.add(fields.path("timeout"), fields.node("timeout"), "must be longer than 0ms");
            timeout = null;
        }
        Integer retries = smoke ? fields.integer("retries", 0, 0, MAX_RETRIES) : Integer.valueOf(0);
        Duration backoff = smoke ? fields.duration("backoff", CheckOptions.DEFAULT_BACKOFF) : null;
        return new CheckOptions(name, timeout == null ? defaultTimeout : timeout, retries == null ? 0 : retries,
                backoff == null ? CheckOptions.DEFAULT_BACKOFF : backoff);
    }

    /** Reports placeholders this section cannot fill. */
    boolean placeholdersKnown(final String path, final YamlNode node, final String text) {
        Set<String> allowed = smoke ? SMOKE_PLACEHOLDERS : Placeholders.NAMES;
        List<String> unknown = Placeholders.unknown(text, allowed);
        if (unknown.isEmpty()) {
            return true;
        }
        problems.add(path, node, "unknown placeholder " + String.join(", ", unknown) + "; use "
                + (smoke ? "{address}, {port}, {environment}" : "{address}, {port}, {host}, {instance}, {environment}"));
        return false;
    }

    /** A sample of the text with every placeholder filled, for validation. */
    static String sample(final String text) {
        return Placeholders.replace(text, "env", "host", "127.0.0.1", 1, 8080);
    }

    /** A list of strings or one string. */
    static List<String> strings(final Fields fields, final String key) {
        return new ArrayList<>(fields.strings(key));
    }
}
