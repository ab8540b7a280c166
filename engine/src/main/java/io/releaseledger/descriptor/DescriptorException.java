package io.releaseledger.descriptor;

import io.releaseledger.ReleaseLedgerException;

import java.util.List;

/** A release descriptor that cannot be used; the message lists every problem, one a line. */
public final class DescriptorException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    private final List<DescriptorProblem> problems;

    DescriptorException(final String source, final List<DescriptorProblem> problems) {
        super(format(source, problems));
        this.problems = new java.util.ArrayList<>(problems); // serializable, unlike List.copyOf
    }

    private DescriptorException(final String message, final DescriptorProblem problem) {
        super(message);
        this.problems = new java.util.ArrayList<>(List.of(problem));
    }

    /** The file is not there: said as such, not as a problem "in" a file that does not exist. */
    static DescriptorException missing(final String source) {
        String fix = "create " + DescriptorLoader.DEFAULT_FILE_NAME + " at the repository root (a minimal one is in "
                + "docs/release-descriptor.md), or give the descriptor's path (--descriptor on the command line, "
                + "descriptorFile in the steps)";
        return new DescriptorException("the release descriptor " + source + " does not exist: " + fix,
                new DescriptorProblem("", "the file does not exist: " + fix, YamlNode.Origin.UNKNOWN));
    }

    /** Every problem found, in the order of the file. */
    public List<DescriptorProblem> getProblems() {
        return java.util.Collections.unmodifiableList(problems);
    }

    private static String format(final String source, final List<DescriptorProblem> problems) {
        StringBuilder text = new StringBuilder(source);
        if (problems.size() == 1) {
            text.append(" has 1 problem:");
        } else {
            text.append(" has ").append(problems.size()).append(" problems:");
        }
        for (DescriptorProblem problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
