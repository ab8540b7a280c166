package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SemverTagOperation;
import io.releaseledger.version.InvalidVersionException;
import io.releaseledger.version.SemanticVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The step's parameters as the agent request's options, with the defaults and checks. JDK and engine types only,
 * so that unit tests cover it without Jenkins.
 */
final class SemverTagOptions {
    static final String DEFAULT_PREFIX = "v";
    static final String DEFAULT_RELEASE_BRANCHES = "main, master";
    static final String DEFAULT_INITIAL_VERSION = "0.1.0";
    static final String DEFAULT_OTHER_COMMITS_BUMP = "PATCH";
    static final String DEFAULT_BREAKING_BELOW_ONE = "MINOR";
    static final String DEFAULT_REMOTE = "origin";
    static final int DEFAULT_MAX_PUSH_ATTEMPTS = 3;

    static final List<String> OTHER_COMMITS_BUMPS = List.of("NONE", "PATCH", "MINOR");
    static final List<String> BREAKING_BELOW_ONE_BUMPS = List.of("MINOR", "MAJOR");

    /** Read by the engine to find the branch of a detached HEAD, the usual Jenkins checkout. */
    static final List<String> BRANCH_VARIABLES = List.of("BRANCH_NAME", "GIT_BRANCH");

    private SemverTagOptions() {
    }

    static AgentRequest request(final SemverTagStep step, final String workspace, final Map<String, String> environment) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("prefix", step.getPrefix());
        putIfSet(options, "paths", list(step.getPaths()));
        putIfSet(options, "branch", step.getBranch());
        Map<String, String> branchVariables = new LinkedHashMap<>();
        for (String name : BRANCH_VARIABLES) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                branchVariables.put(name, value);
            }
        }
        options.put("environment", branchVariables);
        options.put("releaseBranches", list(step.getReleaseBranches()));
        putIfSet(options, "preReleaseId", step.getPreReleaseId());
        options.put("initialVersion", step.getInitialVersion());
        options.put("otherCommitsBump", step.getOtherCommitsBump());
        options.put("breakingBelowOne", step.getBreakingBelowOne());
        options.put("push", step.isPush());
        options.put("remote", step.getRemote());
        options.put("fetch", step.isFetch());
        options.put("dryRun", step.isDryRun());
        options.put("allowDirty", step.isAllowDirty());
        options.put("maxPushAttempts", step.getMaxPushAttempts());
        return new AgentRequest(SemverTagOperation.NAME, workspace, options);
    }

    /** Problems a user can fix in the Jenkinsfile, found before anything runs on the agent. */
    static List<String> validate(final SemverTagStep step) {
        List<String> problems = new ArrayList<>();
        addIfSet(problems, checkInitialVersion(step.getInitialVersion()));
        if (step.getMaxPushAttempts() < 1) {
            problems.add("maxPushAttempts must be at least 1, not " + step.getMaxPushAttempts());
        }
        addIfSet(problems, checkChoice("otherCommitsBump", step.getOtherCommitsBump(), OTHER_COMMITS_BUMPS));
        addIfSet(problems, checkChoice("breakingBelowOne", step.getBreakingBelowOne(), BREAKING_BELOW_ONE_BUMPS));
        if (list(step.getReleaseBranches()).isEmpty()) {
            problems.add("releaseBranches needs at least one branch name or glob, e.g. 'main, release/*'");
        }
        return problems;
    }

    /** @return the problem, or {@code null} when the text is a valid version (or blank: the default applies) */
    static String checkInitialVersion(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            SemanticVersion.parse(text.trim());
            return null;
        } catch (InvalidVersionException e) {
            return "initialVersion: " + e.getMessage();
        }
    }

    /** @return the problem, or {@code null} when the text is blank (the default applies) or a positive number */
    static String checkMaxPushAttempts(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (Integer.parseInt(text.trim()) >= 1) {
                return null;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        return "maxPushAttempts must be a whole number of at least 1";
    }

    private static String checkChoice(final String name, final String value, final List<String> choices) {
        return choices.contains(value) ? null : name + " must be one of " + String.join(", ", choices) + ", not '" + value + "'";
    }

    /** The label of the step in the flow graph (Pipeline Graph View, Blue Ocean): what is tagged, and how. */
    static String label(final Map<String, Object> namedArgs) {
        List<String> parts = new ArrayList<>();
        Object prefix = namedArgs.get("prefix");
        if (prefix != null) {
            parts.add("prefix " + prefix);
        }
        Object paths = namedArgs.get("paths");
        if (paths != null && !String.valueOf(paths).isBlank()) {
            parts.add("paths " + String.join(", ", list(String.valueOf(paths))));
        }
        if (Boolean.TRUE.equals(namedArgs.get("dryRun"))) {
            parts.add("dry run");
        } else if (Boolean.FALSE.equals(namedArgs.get("push"))) {
            parts.add("no push");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** Comma- or newline-separated text as a list; blank entries dropped. */
    static List<String> list(final String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : text.split("[,\\r\\n]+")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    static String blankToNull(final String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static String orDefault(final String text, final String defaultValue) {
        String value = blankToNull(text);
        return value == null ? defaultValue : value;
    }

    static String bumpName(final String text, final String defaultValue) {
        return orDefault(text, defaultValue).toUpperCase(Locale.ROOT);
    }

    private static void putIfSet(final Map<String, Object> options, final String name, final Object value) {
        if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
            options.put(name, value);
        }
    }

    private static void addIfSet(final List<String> problems, final String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
