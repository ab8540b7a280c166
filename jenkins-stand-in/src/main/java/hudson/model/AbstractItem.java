package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;

public abstract class AbstractItem extends Actionable implements Item {
    @Override
    public @NonNull ItemGroup getParent() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("stand-in");
    }
}
