package io.releaseledger.agent;

import io.releaseledger.commits.Bump;
import io.releaseledger.report.Messages;
import io.releaseledger.scm.GitCredentials;
import io.releaseledger.scm.ScmRepository;
import io.releaseledger.semver.SemverTagCommand;
import io.releaseledger.semver.SemverTagResult;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code semverTag} operation: request options become {@link SemverTagCommand} setters (same names), the
 * {@link SemverTagResult} becomes the response's result object. The repository comes from a factory, so this
 * class (also loaded on the Jenkins controller) never sees JGit; the CLI passes {@code JGitRepository::open}.
 */
public final class SemverTagOperation implements AgentOperation {
    public static final String NAME = "semverTag";

    /** The option names: the setters of SemverTagCommand except credentials and messages. */
    public static final Set<String> OPTIONS = Set.of("prefix", "paths", "branch", "environment", "releaseBranches",
            "preReleaseId", "initialVersion", "otherCommitsBump", "breakingBelowOne", "createTag", "push", "remote",
            "fetch", "dryRun", "allowDirty", "maxPushAttempts");

    /** The most commits a result lists in full: about 2 MB of the controller's 16 MB response limit. */
    public static final int MAX_LISTED_COMMITS = 10_000;

    private final Function<Path, ? extends ScmRepository> repositories;
    private GitCredentials credentials = GitCredentials.none();
    private Map<String, String> environment = Map.of();
    private Consumer<SemverTagResult> beforePush = result -> { };

    /** @param repositories opens the repository of a workspace, e.g. {@code JGitRepository::open} */
    public SemverTagOperation(final Function<Path, ? extends ScmRepository> repositories) {
        this.repositories = Objects.requireNonNull(repositories, "repositories");
    }

    /** Credentials for fetch and push; they never come from the request. Default: none. */
    public SemverTagOperation setCredentials(final GitCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    /**
     * Where {@code BRANCH_NAME}/{@code GIT_BRANCH} are read from, e.g. the process environment. The request's
     * {@code environment} option overrides single entries. Default: empty.
     */
    public SemverTagOperation setEnvironment(final Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** See {@link SemverTagCommand#setBeforePush}; the agent sets none. */
    public SemverTagOperation setBeforePush(final Consumer<SemverTagResult> beforePush) {
        this.beforePush = Objects.requireNonNull(beforePush, "beforePush");
        return this;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Map<String, Object> run(final AgentRequest request, final Messages messages) {
        return toResult(call(request, messages));
    }

    /** What {@link #run} does, with the result as the engine gives it (the CLI's {@code version} prints one field). */
    public SemverTagResult call(final AgentRequest request, final Messages messages) {
        // Every option is checked before the repository is opened: bad input changes nothing.
        List<Consumer<SemverTagCommand>> settings = settings(request.getOptions());
        Path workspace = workspace(request.getWorkspace());
        try (ScmRepository repository = repositories.apply(workspace)) {
            SemverTagCommand command = new SemverTagCommand(repository);
            settings.forEach(setting -> setting.accept(command));
            command.setCredentials(credentials);
            command.setMessages(messages);
            command.setBeforePush(beforePush);
            return command.call();
        }
    }

    private static Path workspace(final String workspace) {
        try {
            return Path.of(workspace);
        } catch (InvalidPathException e) {
            throw new AgentProtocolException("the workspace \"" + workspace + "\" is not a valid path: " + e.getReason());
        }
    }

    private List<Consumer<SemverTagCommand>> settings(final Map<String, Object> options) {
        if (options.containsKey("credentials")) {
            throw new AgentProtocolException("credentials are never accepted in the request (it may be logged); "
                    + "pass them in the agent's environment (" + AgentEnvironment.GIT_USERNAME + ", ...)");
        }
        OptionReader reader = new OptionReader(NAME, options, OPTIONS);
        List<Consumer<SemverTagCommand>> settings = new ArrayList<>();
        if (reader.has("prefix")) {
            String prefix = reader.string("prefix");
            settings.add(command -> command.setPrefix(prefix));
        }
        if (reader.has("paths")) {
            List<String> paths = reader.strings("paths");
            settings.add(command -> command.setPaths(paths));
        }
        if (reader.has("branch")) {
            String branch = reader.string("branch");
            settings.add(command -> command.setBranch(branch));
        }
        Map<String, String> mergedEnvironment = new LinkedHashMap<>(environment);
        if (reader.has("environment")) {
            mergedEnvironment.putAll(reader.stringMap("environment"));
        }
        settings.add(command -> command.setEnvironment(mergedEnvironment));
        if (reader.has("releaseBranches")) {
            List<String> releaseBranches = reader.strings("releaseBranches");
            settings.add(command -> command.setReleaseBranches(releaseBranches));
        }
        if (reader.has("preReleaseId")) {
            String preReleaseId = reader.string("preReleaseId");
            settings.add(command -> command.setPreReleaseId(preReleaseId));
        }
        if (reader.has("initialVersion")) {
            String initialVersion = reader.string("initialVersion");
            settings.add(command -> command.setInitialVersion(initialVersion));
        }
        if (reader.has("otherCommitsBump")) {
            Bump bump = reader.choice("otherCommitsBump", Bump.class, EnumSet.of(Bump.NONE, Bump.PATCH, Bump.MINOR));
            settings.add(command -> command.setOtherCommitsBump(bump));
        }
        if (reader.has("breakingBelowOne")) {
            Bump bump = reader.choice("breakingBelowOne", Bump.class, EnumSet.of(Bump.MINOR, Bump.MAJOR));
            settings.add(command -> command.setBreakingBelowOne(bump));
        }
        addBoolean(reader, settings, "createTag", SemverTagCommand::setCreateTag);
        addBoolean(reader, settings, "push", SemverTagCommand::setPush);
        if (reader.has("remote")) {
            String remote = reader.string("remote");
            settings.add(command -> command.setRemote(remote));
        }
        addBoolean(reader, settings, "fetch", SemverTagCommand::setFetch);
        addBoolean(reader, settings, "dryRun", SemverTagCommand::setDryRun);
        addBoolean(reader, settings, "allowDirty", SemverTagCommand::setAllowDirty);
        if (reader.has("maxPushAttempts")) {
            int attempts = reader.integer("maxPushAttempts");
            if (attempts < 1) {
                throw new AgentProtocolException("option \"maxPushAttempts\" of " + NAME + " must be at least 1, not "
                        + attempts);
            }
            settings.add(command -> command.setMaxPushAttempts(attempts));
        }
        return settings;
    }

    private static void addBoolean(final OptionReader reader, final List<Consumer<SemverTagCommand>> settings,
            final String name, final BooleanSetter setter) {
        if (reader.has(name)) {
            boolean value = reader.bool(name);
            settings.add(command -> setter.set(command, value));
        }
    }

    /** A boolean setter of the command, whatever it returns. */
    @FunctionalInterface
    private interface BooleanSetter {
        void set(SemverTagCommand command, boolean value);
    }

    /**
     * The result object of the response; the CLI's {@code --json} prints the same. Its {@code commits} are the newest
     * {@link #MAX_LISTED_COMMITS}, {@code commitCount} counts all (see {@link ReleaseCommits}).
     */
    public static Map<String, Object> toResult(final SemverTagResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", result.getVersion());
        map.put("tag", result.getTag());
        map.put("previousVersion", result.getPreviousVersion());
        map.put("previousTag", result.getPreviousTag());
        map.put("commit", result.getCommit());
        map.put("branch", result.getBranch());
        map.put("releaseBranch", result.isReleaseBranch());
        map.put("bump", result.getBump().name());
        map.put("reason", result.getReason());
        new ReleaseCommits(result.getCommits(), MAX_LISTED_COMMITS).putInto(map);
        map.put("alreadyTagged", result.isAlreadyTagged());
        map.put("tagCreated", result.isTagCreated());
        map.put("pushed", result.isPushed());
        map.put("dryRun", result.isDryRun());
        return map;
    }
}
