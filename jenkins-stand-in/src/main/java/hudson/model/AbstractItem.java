package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class AbstractItem extends Actionable implements Item {
    @NonNull
    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("stand-in");
    }
}
