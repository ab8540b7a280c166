package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    ItemGroup<? extends Item> getParent();

    @NonNull
    String getFullName();

    String getUrl();

    Permission READ = null;

    Permission EXTENDED_READ = null;

    Permission BUILD = null;
}
