package io.releaseledger.descriptor;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a release descriptor: the field path ({@code environments[1].hosts[0]}), what is wrong and
 * how to fix it, and the line and column when the problem comes from the file (0 when not known).
 */
public final class DescriptorProblem implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String message;
    private final int line;
    private final int column;
    private final String override;

    DescriptorProblem(final String path, final String message, final YamlNode.Origin origin) {
        this.path = Objects.requireNonNull(path);
        this.message = Objects.requireNonNull(message);
        this.line = origin.getLine();
        this.column = origin.getColumn();
        this.override = origin.getOverride();
    }

    /** The field path, empty for the document itself. */
    public String getPath() {
        return path;
    }

    public String getMessage() {
        return message;
    }

    /** 1-based line in the descriptor file, 0 when not known (for example for an override). */
    public int getLine() {
        return line;
    }

    /** 1-based column in the descriptor file, 0 when not known. */
    public int getColumn() {
        return column;
    }

    /** The override key this problem comes from, or {@code null}. */
    public String getOverride() {
        return override;
    }

    /** {@code environments[1].hosts[0]: unknown scheme 'http'; use unix://, tcp:// (line 14, column 9)}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        text.append(message);
        if (override != null) {
            text.append(" (override ").append(override).append(')');
        } else if (line > 0) {
            text.append(" (line ").append(line).append(", column ").append(column).append(')');
        }
        return text.toString();
    }
}
