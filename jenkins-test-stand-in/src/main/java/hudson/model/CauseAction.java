package hudson.model;

import hudson.model.queue.FoldableAction;

public class CauseAction implements FoldableAction {
    public CauseAction(Cause... c) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stand-in");
    }
}
