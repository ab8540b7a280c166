package io.releaseledger.commits;

/** How far a change moves the version, from none to a new major version; ordered by size. */
public enum Bump {
    NONE, PATCH, MINOR, MAJOR;

    /** The larger of the two bumps: one breaking commit among fixes still makes a major release. */
    public Bump max(final Bump other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
