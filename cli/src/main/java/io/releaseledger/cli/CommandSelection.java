package io.releaseledger.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which command a command line runs, read before picocli sees it: building picocli's model of every command costs
 * more than computing a version, so {@link Main} builds only the one the arguments name. No picocli type here.
 */
final class CommandSelection {
    /** Options of the top command that take a value (their value is not a command name). */
    private static final Set<String> WITH_VALUE = Set.of("-C", "--repository");

    private CommandSelection() {
    }

    /**
     * The command the arguments run, when it is one of {@code names}; empty when they run none of them (usage help,
     * the version of the tool, {@code help}, a mistyped command): then every command is needed.
     */
    static Optional<String> of(final String[] args, final Set<String> names) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return names.contains(arg) ? Optional.of(arg) : Optional.empty();
            } else if ("--".equals(arg)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The directory the option {@code -C}/{@code --repository} names (in any form picocli accepts: {@code -C DIR},
     * {@code -CDIR}, {@code -C=DIR}, {@code --repository DIR}, {@code --repository=DIR}; the last one counts), or the
     * current directory. A guess made before picocli parses: picocli's own reading is the one the command uses.
     */
    static Path repositoryDirectory(final String[] args) {
        String directory = optionValue(args, "--repository", "-C").orElse(".");
        try {
            return Path.of(directory);
        } catch (InvalidPathException e) {
            return Path.of(".");
        }
    }

    /**
     * The value of the last {@code longName VALUE} or {@code longName=VALUE} before any {@code --}, and of
     * {@code shortName VALUE}, {@code shortName=VALUE} or {@code shortNameVALUE} when {@code shortName} is not
     * {@code null}; empty when the option is not there.
     */
    static Optional<String> optionValue(final String[] args, final String longName, final String shortName) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) {
                break;
            } else if (arg.equals(longName) || arg.equals(shortName)) {
                if (i + 1 < args.length) {
                    value = args[++i];
                }
            } else if (arg.startsWith(longName + "=")) {
                value = arg.substring(longName.length() + 1);
            } else if (shortName != null && arg.startsWith(shortName + "=")) {
                value = arg.substring(shortName.length() + 1);
            } else if (shortName != null && arg.startsWith(shortName) && arg.length() > shortName.length()) {
                value = arg.substring(shortName.length());
            }
        }
        return Optional.ofNullable(value);
    }

    /** Whether the arguments ask for the top command's usage help and nothing else. */
    static boolean isTopLevelHelp(final String[] args) {
        return args.length == 1 && List.of("--help", "-h", "help").contains(args[0]);
    }
}
