package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    String getFullName();

    String getUrl();

    Permission READ = null;

    Permission EXTENDED_READ = null;

    Permission BUILD = null;
}
