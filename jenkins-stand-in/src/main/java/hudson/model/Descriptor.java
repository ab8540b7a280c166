package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("stand-in");
    }
}
