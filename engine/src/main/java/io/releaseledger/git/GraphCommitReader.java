package io.releaseledger.git;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * A reader for walks that need only parents, trees and times: a commit the commit-graph holds opens as an empty
 * object, because JGit takes those headers from the graph and, with the walk's bodies off, never reads the bytes.
 * Without this JGit inflates every commit it walks only to drop its bytes.
 */
final class GraphCommitReader extends ObjectReader.Filter {
    private static final byte[] NO_BYTES = new byte[0];

    private final ObjectReader delegate;
    private final CommitGraph graph;

    private GraphCommitReader(final ObjectReader delegate, final CommitGraph graph) {
        this.delegate = delegate;
        this.graph = graph;
    }

    /** The filtering reader, or the reader itself when the repository has no commit-graph. */
    static ObjectReader over(final ObjectReader reader) throws IOException {
        Optional<CommitGraph> graph = reader.getCommitGraph();
        return graph.isPresent() ? new GraphCommitReader(reader, graph.get()) : reader;
    }

    @Override
    protected ObjectReader delegate() {
        return delegate;
    }

    @Override
    public ObjectLoader open(final AnyObjectId id, final int typeHint) throws IOException {
        // The graph holds commits only, so an id found there is a commit whatever the hint.
        if ((typeHint == OBJ_ANY || typeHint == Constants.OBJ_COMMIT) && graph.findGraphPosition(id) >= 0) {
            return new ObjectLoader.SmallObject(Constants.OBJ_COMMIT, NO_BYTES);
        }
        return delegate.open(id, typeHint);
    }
}
