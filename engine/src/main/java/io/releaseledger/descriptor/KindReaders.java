package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code tcp}, {@code command}, {@code container}, {@code heartbeat}, {@code browser} and {@code drift}
 * checks.
 */
final class KindReaders {
    static final Duration STABLE_FOR = Duration.ofSeconds(5);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> TCP_KEYS = Set.of("address");
    private static final Set<String> CONTAINER_KEYS = Set.of("healthy", "stableFor");
    private static final Set<String> COMMAND_KEYS = Set.of("command", "warningFails");
    private static final Set<String> HEARTBEAT_KEYS = Set.of("url", "file", "pointer", "read", "maxAge");
    private static final Set<String> BROWSER_KEYS = Set.of("url", "waitFor", "text", "screenshotDirectory",
            "allowedConsoleErrors");
    private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

    private KindReaders() {
    }

    static HealthCheckSpec tcp(final CheckReader reader, final String path, final YamlNode value) {
        Problems problems = reader.problems();
        String address = "{address}:{port}";
        YamlNode addressNode = value;
        String addressPath = path;
        Fields fields = null;
        if (value instanceof YamlNode.Mapping) {
            fields = Fields.of(problems, path, value, reader.keys(TCP_KEYS));
            address = fields.string("address", address);
            addressNode = fields.node("address");
            addressPath = fields.path("address");
        } else if (value != null) {
            address = Fields.text(problems, path, value);
        }
        CheckOptions options = reader.options(fields, CheckOptions.DEFAULT_TIMEOUT);
        if (address == null || !reader.placeholdersKnown(addressPath, addressNode, address)) {
            return null;
        }
        String sample = CheckReader.sample(address);
        if (!sample.matches("[^:\\s/]+:[0-9]{1,5}") && !sample.matches("\\[[0-9a-fA-F:]+]:[0-9]{1,5}")) {
            problems.add(addressPath, addressNode, "'" + address + "' is not host:port; for example "
                    + "{address}:{port} or 127.0.0.1:5432");
            return null;
        }
        return new TcpCheckSpec(address, options);
    }

    static HealthCheckSpec container(final CheckReader reader, final String path, final YamlNode value) {
        if (value == null) {
            return new ContainerCheckSpec(true, STABLE_FOR, CheckOptions.defaults(CheckOptions.DEFAULT_TIMEOUT));
        }
        Fields fields = Fields.of(reader.problems(), path, value, reader.keys(CONTAINER_KEYS));
        if (fields == null) {
            return null;
        }
        Duration stableFor = fields.duration("stableFor", STABLE_FOR);
        CheckOptions options = reader.options(fields, CheckOptions.DEFAULT_TIMEOUT);
        return new ContainerCheckSpec(fields.bool("healthy", true), stableFor == null ? STABLE_FOR : stableFor,
                options);
    }

    static HealthCheckSpec drift(final CheckReader reader, final String path, final YamlNode value) {
        if (value == null) {
            return new DriftCheckSpec(CheckOptions.defaults(CheckOptions.DEFAULT_TIMEOUT));
        }
        Fields fields = Fields.of(reader.problems(), path, value, reader.keys(Set.of()));
        if (fields == null) {
            return null;
        }
        return new DriftCheckSpec(reader.options(fields, CheckOptions.DEFAULT_TIMEOUT));
    }

    static HealthCheckSpec command(final CheckReader reader, final String path, final YamlNode value,
            final YamlNode item) {
        Problems problems = reader.problems();
        Fields fields = value instanceof YamlNode.Mapping ? Fields.of(problems, path, value,
                reader.keys(COMMAND_KEYS)) : null;
        YamlNode commandNode = fields == null ? value : fields.node("command");
        String commandPath = fields == null ? path : fields.path("command");
        CheckOptions options = reader.options(fields, COMMAND_TIMEOUT);
        boolean warningFails = fields == null || fields.bool("warningFails", true);
        if (commandNode == null) {
            problems.add(commandPath, item, "needs the program and its arguments "
                    + "as a list, such as command: [/usr/lib/nagios/plugins/check_disk, -w, 20%]; no shell runs it");
            return null;
        }
        if (!(commandNode instanceof YamlNode.Sequence)) {
            problems.add(commandPath, commandNode, "write the program and its arguments as a list, such as "
                    + "[check_http, -H, '{address}']; a command is never run through a shell");
            return null;
        }
        List<String> command = new ArrayList<>();
        List<YamlNode> items = ((YamlNode.Sequence) commandNode).getItems();
        for (int i = 0; i < items.size(); i++) {
            String argument = Fields.text(problems, commandPath + "[" + i + "]", items.get(i));
            if (argument != null && reader.placeholdersKnown(commandPath + "[" + i + "]", items.get(i), argument)) {
                command.add(argument);
            }
        }
        if (items.isEmpty()) {
            problems.add(commandPath, commandNode, "give at least the program");
            return null;
        }
        if (!command.isEmpty() && command.get(0).isBlank()) {
            problems.add(commandPath + "[0]", items.get(0), "the program must not be empty");
            return null;
        }
        return command.size() == items.size() ? new CommandCheckSpec(command, options, warningFails) : null;
    }

    static HealthCheckSpec heartbeat(final CheckReader reader, final String path, final YamlNode value,
            final YamlNode item) {
        Problems problems = reader.problems();
        if (!(value instanceof YamlNode.Mapping)) {
            problems.add(path, value == null ? item : value, "needs url: or file:, and maxAge:, such as heartbeat: "
                    + "{url: /cron/last-run, maxAge: 10m}");
            return null;
        }
        Fields fields = Fields.of(problems, path, value, reader.keys(HEARTBEAT_KEYS));
        CheckOptions options = reader.options(fields, CheckOptions.DEFAULT_TIMEOUT);
        String url = fields.string("url", null);
        String file = fields.string("file", null);
        if ((url == null) == (file == null) && fields.has("url") == fields.has("file")) {
            problems.add(path, value, "give exactly one of url and file");
        }
        if (url != null) {
            String fullUrl = url.startsWith("/") ? "http://{address}:{port}" + url : url;
            url = reader.placeholdersKnown(fields.path("url"), fields.node("url"), fullUrl) ? fullUrl : null;
        }
        String pointer = fields.string("pointer", null);
        if (pointer != null && !JSON_POINTER.matcher(pointer).matches()) {
            problems.add(fields.path("pointer"), fields.node("pointer"), "'" + pointer + "' is not a JSON Pointer: "
                    + "write /field/0/name, with ~1 for / and ~0 for ~ in names");
        }
        String read = fields.string("read", null);
        HeartbeatCheckSpec.FileTime fileTime = HeartbeatCheckSpec.FileTime.MODIFIED;
        if (read != null) {
            if ("contents".equals(read)) {
                fileTime = HeartbeatCheckSpec.FileTime.CONTENTS;
            } else if (!"modified".equals(read)) {
                problems.add(fields.path("read"), fields.node("read"), "use modified (the file's time) or contents "
                        + "(a timestamp written in it)" + Suggestions.didYouMean(read, Set.of("modified", "contents")));
            }
            if (file == null) {
                problems.add(fields.path("read"), fields.node("read"), "applies only to file:");
            }
        }
        if (pointer != null && file != null && fileTime == HeartbeatCheckSpec.FileTime.MODIFIED) {
            problems.add(fields.path("pointer"), fields.node("pointer"), "a pointer needs read: contents");
        }
        Duration maxAge = fields.has("maxAge") ? fields.duration("maxAge", null) : null;
        if (!fields.has("maxAge")) {
            fields.missing("maxAge", "how old the heartbeat may be, such as 10m");
        }
        if (maxAge == null || url == null && file == null) {
            return null;
        }
        return new HeartbeatCheckSpec(url, file, pointer, fileTime, maxAge, options);
    }

    static HealthCheckSpec browser(final CheckReader reader, final String path, final YamlNode value,
            final YamlNode item) {
        Problems problems = reader.problems();
        if (value == null) {
            problems.add(path, item, "needs a URL: browser: /, or browser: {url: …, waitFor: '#app'}");
            return null;
        }
        Fields fields = value instanceof YamlNode.Mapping ? Fields.of(problems, path, value,
                reader.keys(BROWSER_KEYS)) : null;
        String url = fields == null ? Fields.text(problems, path, value)
                : fields.requiredString("url", "the page, such as / or https://{address}:{port}/shop");
        CheckOptions options = reader.options(fields, BROWSER_TIMEOUT);
        if (url == null) {
            return null;
        }
        String fullUrl = url.startsWith("/") ? "http://{address}:{port}" + url : url;
        if (!reader.placeholdersKnown(fields == null ? path : fields.path("url"), fields == null ? value
                : fields.node("url"), fullUrl)) {
            return null;
        }
        BrowserCheckSpec spec = new BrowserCheckSpec(fullUrl, options);
        if (fields != null) {
            spec.setWaitFor(fields.string("waitFor", null));
            spec.setText(fields.string("text", null));
            spec.setScreenshotDirectory(fields.string("screenshotDirectory", null));
            spec.setAllowedConsoleErrors(fields.strings("allowedConsoleErrors"));
        }
        return spec;
    }
}
