package io.releaseledger.cli;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SemverTagOperation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository a {@code semverTag} agent request runs in, found before picocli builds the {@code agent} command,
 * so that {@link Main} opens it on a thread of its own meanwhile (as it does for {@code version} and {@code tag}): the
 * request file the plugin passes names the workspace. A guess: the command reads the request again and reports
 * what is wrong with it. Only a regular file is read here. No picocli type here.
 */
final class AgentPreparation {
    /** A semverTag request is a few hundred bytes; a larger one (a deploy with its descriptor) is not read twice. */
    static final long SMALL_REQUEST = 64 * 1024;

    private AgentPreparation() {
    }

    /** The workspace of the {@code semverTag} request the arguments name with {@code --request}; else empty. */
    static Optional<Path> workspace(final String[] args) {
        Optional<Path> file = requestFile(args);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            // A pipe or FIFO (--request <(echo ...)) gives its bytes once: those are the command's, not a guess's.
            if (!Files.isRegularFile(file.get()) || Files.size(file.get()) > SMALL_REQUEST) {
                return Optional.empty();
            }
            AgentRequest request = AgentRequest.fromJson(Files.readString(file.get(), StandardCharsets.UTF_8));
            return SemverTagOperation.NAME.equals(request.getOperation())
                    ? Optional.of(Path.of(request.getWorkspace())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the command reads the request itself and says what is wrong
        }
    }

    /** {@code --request FILE} or {@code --request=FILE}; empty when the request comes on stdin. */
    static Optional<Path> requestFile(final String[] args) {
        Optional<String> file = CommandSelection.optionValue(args, "--request", null).filter(name -> !name.isEmpty());
        try {
            return file.map(Path::of);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
