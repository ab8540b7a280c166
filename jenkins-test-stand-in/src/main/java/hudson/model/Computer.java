package hudson.model;

import hudson.security.Permission;

public abstract class Computer extends Actionable {
    public static final Permission BUILD = null;
}
