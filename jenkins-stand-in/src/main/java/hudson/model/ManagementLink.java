package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.Permission;

public abstract class ManagementLink implements ExtensionPoint, Action {
    @Override
    public abstract @CheckForNull String getIconFileName();

    public String getDescription() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public abstract @CheckForNull String getUrlName();

    public @NonNull Permission getRequiredPermission() {
        throw new UnsupportedOperationException("stand-in");
    }
}
