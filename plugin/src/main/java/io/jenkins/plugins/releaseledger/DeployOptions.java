package io.jenkins.plugins.releaseledger;

import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.descriptor.DescriptorLoader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jenkins-free parts of {@code deployStage}, {@code promote} and {@code rollback}: defaults, parsing of the
 * parameters, the flow-graph labels and the step's return value.
 */
final class DeployOptions {
    static final String DEFAULT_DESCRIPTOR = DescriptorLoader.DEFAULT_FILE_NAME;
    static final List<String> RELEASE_BRANCHES = List.of("main", "master");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DeployOptions() {
    }

    static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String descriptorPath(final String descriptor) {
        return descriptor == null ? DEFAULT_DESCRIPTOR : descriptor;
    }

    /**
     * The {@code overrides} parameter by key ({@code path=value} each, later ones win); empty for none.
     *
     * @throws IllegalArgumentException naming the item that is not {@code path=value}
     */
    static Map<String, String> overrides(final List<String> overrides) {
        Map<String, String> byKey = new LinkedHashMap<>();
        if (overrides == null) {
            return byKey;
        }
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("overrides item '" + override + "' is not path=value; write e.g. "
                        + "'environments.staging.strategy=recreate'");
            }
            byKey.put(override.substring(0, equals).trim(), override.substring(equals + 1));
        }
        return byKey;
    }

    /**
     * {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms}, {@code 0} or an ISO-8601 duration ({@code PT5M});
     * {@code null} for the engine's default.
     *
     * @throws IllegalArgumentException with a message naming the value
     */
    static Duration duration(final String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        try {
            Matcher matcher = SHORT_DURATION.matcher(text);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("lockTimeout '" + value + "' is not a duration such as 30s, 5m, 1h or 0");
    }

    /** The problems of the common parameters, one sentence each; empty when they are fine. */
    static List<String> validate(final String lockTimeout) {
        List<String> problems = new ArrayList<>();
        try {
            duration(lockTimeout);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /**
     * Whether the version comes from a release branch ({@code latest} follows releases from there): the parameter
     * when given, else whether {@code BRANCH_NAME} (multibranch) is {@code main} or {@code master}.
     */
    static boolean releaseBranch(final Boolean parameter, final Map<String, String> environment) {
        if (parameter != null) {
            return parameter;
        }
        String branch = environment.get("BRANCH_NAME");
        return branch != null && RELEASE_BRANCHES.contains(branch);
    }

    /** {@code staging ← 1.4.0}: the label of {@code deployStage} in the flow graph. */
    static String deployLabel(final Map<String, Object> arguments) {
        return deployLabel(text(arguments, "environment"), text(arguments, "version"));
    }

    static String deployLabel(final String environment, final String version) {
        if (environment == null) {
            return version;
        }
        return version == null ? environment : environment + " ← " + version;
    }

    /** {@code production ← staging}, {@code production ← 1.4.0}, {@code production ← staging (1.4.0)}. */
    static String promoteLabel(final Map<String, Object> arguments) {
        return promoteLabel(text(arguments, "to"), text(arguments, "from"), text(arguments, "version"));
    }

    static String promoteLabel(final String to, final String from, final String version) {
        if (to == null) {
            return null;
        }
        if (from != null && version != null) {
            return to + " ← " + from + " (" + version + ")";
        }
        String source = from != null ? from : version;
        return source == null ? to : to + " ← " + source;
    }

    /** {@code production ↩ 1.3.2}, or {@code production ↩ previous} without a version. */
    static String rollbackLabel(final Map<String, Object> arguments) {
        return rollbackLabel(text(arguments, "environment"), text(arguments, "version"));
    }

    static String rollbackLabel(final String environment, final String version) {
        if (environment == null) {
            return null;
        }
        return environment + " ↩ " + (version == null ? "previous" : version);
    }

    private static String text(final Map<String, Object> arguments, final String name) {
        Object value = arguments.get(name);
        return value instanceof CharSequence text && !text.toString().isBlank() ? text.toString().trim() : null;
    }

    /**
     * The step's return value: JDK types only ({@code application}, {@code environment}, {@code version},
     * {@code digest}, {@code image}, {@code deploymentId}, {@code dryRun}, {@code previousVersions}).
     */
    static Map<String, Object> returnValue(final DeploymentResult result) {
        DeploymentPlan plan = result.getPlan();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("application", plan.getApplication());
        value.put("environment", plan.getEnvironment());
        value.put("version", plan.getVersion());
        value.put("digest", plan.getDigest());
        value.put("image", plan.getImage());
        value.put("deploymentId", plan.getDeploymentId());
        value.put("dryRun", result.isDryRun());
        value.put("previousVersions", new ArrayList<>(plan.getPreviousVersions()));
        return value;
    }

    /** One line for the build log and the build page. */
    static String summary(final String verb, final DeploymentResult result) {
        DeploymentPlan plan = result.getPlan();
        if (result.isDryRun()) {
            return "dry run: planned " + plan.getVersion() + " (" + plan.getDigest() + ") on " + plan.getEnvironment()
                    + "; nothing was changed or recorded";
        }
        return verb + " " + plan.getVersion() + " on " + plan.getEnvironment() + " (" + plan.getDigest() + ") in "
                + result.getDuration().toSeconds() + " s";
    }
}
