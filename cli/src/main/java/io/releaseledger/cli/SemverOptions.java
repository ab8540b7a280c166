package io.releaseledger.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code version} and {@code tag} share; the names are those of SemverTagCommand in kebab-case. */
final class SemverOptions {
    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Tag prefix (default: v); e.g. api/v in a monorepo.")
    private String prefix;

    @Option(names = "--path", paramLabel = "PATH",
            description = "Only commits touching PATH count (repeatable; default: all commits).")
    private List<String> paths;

    @Option(names = "--branch", paramLabel = "NAME",
            description = "The branch the build is on (default: HEAD's branch, else $BRANCH_NAME, else $GIT_BRANCH).")
    private String branch;

    @Option(names = "--release-branch", paramLabel = "NAME|GLOB",
            description = "A branch that gets final versions, e.g. release/* (repeatable; default: main, master).")
    private List<String> releaseBranches;

    @Option(names = "--pre-release-id", paramLabel = "ID",
            description = "The ID in X.Y.Z-ID.N off release branches (default: the branch name reduced to [0-9A-Za-z-]).")
    private String preReleaseId;

    @Option(names = "--initial-version", paramLabel = "VERSION",
            description = "The version when no tag matches (default: 0.1.0).")
    private String initialVersion;

    @Option(names = "--other-commits-bump", paramLabel = "NONE|PATCH|MINOR",
            description = "Bump for commits that are not feat, fix or breaking (default: PATCH).")
    private String otherCommitsBump;

    @Option(names = "--breaking-below-one", paramLabel = "MINOR|MAJOR",
            description = "What a breaking change bumps while the major version is 0 (default: MINOR).")
    private String breakingBelowOne;

    @Option(names = "--remote", paramLabel = "NAME", description = "The remote to fetch from and push to (default: origin).")
    private String remote;

    @Option(names = "--no-fetch", description = "Do not read the remote's tags (nor unshallow) before computing.")
    private boolean noFetch;

    @Option(names = "--json", description = "Print the result (or {\"error\": ...}) as JSON on stdout.")
    private boolean json;

    boolean isJson() {
        return json;
    }

    /** Puts the given options into the request options; absent ones stay absent so the engine's defaults apply. */
    void addTo(final Map<String, Object> options) {
        putIfSet(options, "prefix", prefix);
        putIfSet(options, "paths", paths);
        putIfSet(options, "branch", branch);
        putIfSet(options, "releaseBranches", releaseBranches);
        putIfSet(options, "preReleaseId", preReleaseId);
        putIfSet(options, "initialVersion", initialVersion);
        putIfSet(options, "otherCommitsBump", otherCommitsBump);
        putIfSet(options, "breakingBelowOne", breakingBelowOne);
        putIfSet(options, "remote", remote);
        if (noFetch) {
            options.put("fetch", false);
        }
    }

    static void putIfSet(final Map<String, Object> options, final String name, final Object value) {
        if (value != null) {
            options.put(name, value instanceof List ? List.copyOf((List<?>) value) : value);
        }
    }
}
