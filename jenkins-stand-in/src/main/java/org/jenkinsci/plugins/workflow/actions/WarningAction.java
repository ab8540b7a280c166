package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;

public class WarningAction implements PersistentAction {
    private @NonNull Result result;
    private @CheckForNull String message;

    public WarningAction(@NonNull Result result) {
        this.result = result;
    }

    public WarningAction withMessage(String message) {
        this.message = message;
        return this;
    }

    public @CheckForNull String getMessage() {
        return message;
    }

    public @NonNull Result getResult() {
        return result;
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stand-in");
    }
}
