package io.releaseledger.descriptor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one load, so that all of them are reported together. */
final class Problems {
    private final String source;
    private final List<DescriptorProblem> found = new ArrayList<>();

    Problems(final String source) {
        this.source = source;
    }

    String getSource() {
        return source;
    }

    void add(final String path, final YamlNode.Origin origin, final String message) {
        found.add(new DescriptorProblem(path, message, origin));
    }

    void add(final String path, final YamlNode node, final String message) {
        add(path, node == null ? YamlNode.Origin.UNKNOWN : node.getOrigin(), message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    /** Throws when anything was found: problems with a line first, in the order of the file, then the others. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw toException();
        }
    }

    DescriptorException toException() {
        List<DescriptorProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt((DescriptorProblem p) -> p.getLine() == 0 ? Integer.MAX_VALUE : p.getLine())
                .thenComparingInt(DescriptorProblem::getColumn));
        return new DescriptorException(source, sorted);
    }
}
