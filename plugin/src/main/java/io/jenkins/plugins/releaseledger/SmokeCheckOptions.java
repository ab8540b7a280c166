package io.jenkins.plugins.releaseledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Jenkins-free parts of {@code smokeCheck}: the JUnit file's default name and its rule, the problems of the
 * parameters, the flow-graph label, the failure message and the step's return value.
 */
final class SmokeCheckOptions {
    static final String JUNIT_PREFIX = "release-ledger-smoke-";
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");

    private SmokeCheckOptions() {
    }

    /**
     * The JUnit file's workspace path: the parameter, else {@code release-ledger-smoke-<environment>.xml} with every
     * character other than {@code A-Z a-z 0-9 . _ -} of the environment's name replaced by {@code -}.
     */
    static String junitFile(final String parameter, final String environment) {
        if (parameter != null) {
            return parameter;
        }
        String name = UNSAFE.matcher(environment == null ? "" : environment).replaceAll("-");
        if (name.isEmpty() || name.startsWith(".")) {
            name = "env" + name;
        }
        return JUNIT_PREFIX + name + ".xml";
    }

    /** Why {@code junitFile} cannot be used, or {@code null}: it must stay inside the workspace. */
    static String junitFileProblem(final String junitFile) {
        if (junitFile == null) {
            return null;
        }
        String path = junitFile.replace('\\', '/');
        boolean absolute = path.startsWith("/") || path.matches("[A-Za-z]:.*");
        boolean escapes = List.of(path.split("/")).contains("..");
        if (absolute || escapes) {
            return "junitFile '" + junitFile + "' must be a path inside the workspace, relative to it (no leading / "
                    + "or drive, no ..)";
        }
        if (path.endsWith("/")) {
            return "junitFile '" + junitFile + "' names a directory; give a file name such as smoke.xml";
        }
        return null;
    }

    /** The problems of the parameters, one sentence each; empty when they are fine. */
    static List<String> validate(final String environment, final String junitFile, final String lockTimeout) {
        List<String> problems = new ArrayList<>();
        if (environment == null) {
            problems.add("environment is required");
        }
        String junit = junitFileProblem(junitFile);
        if (junit != null) {
            problems.add(junit);
        }
        problems.addAll(DeployOptions.validate(lockTimeout));
        return problems;
    }

    /** {@code staging}, or {@code production 1.4.0} with a version: the label of {@code smokeCheck} in the flow graph. */
    static String label(final Map<String, Object> arguments) {
        return label(text(arguments, "environment"), text(arguments, "version"));
    }

    static String label(final String environment, final String version) {
        if (environment == null) {
            return version;
        }
        return version == null ? environment : environment + " " + version;
    }

    private static String text(final Map<String, Object> arguments, final String name) {
        Object value = arguments.get(name);
        return value instanceof CharSequence text && !text.toString().isBlank() ? text.toString().trim() : null;
    }

    /**
     * The names of the checks that failed, in the order of the report, each once (a check that failed on several
     * instances is one name). Reads the report's {@code results} ({@code {name, passed}} each).
     */
    static List<String> failedChecks(final Map<String, Object> report) {
        Set<String> failed = new LinkedHashSet<>();
        Object results = report == null ? null : report.get("results");
        if (results instanceof List<?> list) {
            for (Object result : list) {
                if (result instanceof Map<?, ?> map && Boolean.FALSE.equals(map.get("passed"))) {
                    failed.add(String.valueOf(map.get("name")));
                }
            }
        }
        return new ArrayList<>(failed);
    }

    /** How many results failed (a check that failed on two instances counts twice, as in the table). */
    static int failedCount(final Map<String, Object> report) {
        int count = 0;
        Object results = report == null ? null : report.get("results");
        if (results instanceof List<?> list) {
            for (Object result : list) {
                if (result instanceof Map<?, ?> map && Boolean.FALSE.equals(map.get("passed"))) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * The text of the {@code AbortException} of a failed run: the environment, the failed checks and, after an
     * automatic rollback, the version the environment went back to.
     */
    static String failureMessage(final String stepName, final String environment, final String version,
            final List<String> failedChecks, final String rolledBackTo) {
        StringBuilder message = new StringBuilder(stepName).append(": smoke checks of ").append(environment);
        if (version != null) {
            message.append(" (").append(version).append(')');
        }
        message.append(" failed");
        if (!failedChecks.isEmpty()) {
            message.append(": ").append(String.join(", ", failedChecks));
        }
        if (rolledBackTo != null) {
            message.append("; ").append(environment).append(" was rolled back to ").append(rolledBackTo);
        }
        return message.toString();
    }

    /**
     * The step's return value, JDK types only: {@code passed}, {@code environment}, {@code version},
     * {@code failed} (the number of failed results) and {@code rolledBackTo} ({@code null} unless rolled back).
     */
    static Map<String, Object> returnValue(final boolean passed, final String environment, final String version,
            final int failed, final String rolledBackTo) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("passed", passed);
        value.put("environment", environment);
        value.put("version", version);
        value.put("failed", failed);
        value.put("rolledBackTo", rolledBackTo);
        return value;
    }
}
