package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    protected StepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public void onResume() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @CheckForNull String getStatus() {
        throw new UnsupportedOperationException("stand-in");
    }
}
