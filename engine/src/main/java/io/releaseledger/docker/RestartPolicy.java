package io.releaseledger.docker;

import java.util.Objects;

/** Docker's restart policy for a container: {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure[:N]}. */
public final class RestartPolicy {
    private static final RestartPolicy NO = new RestartPolicy("no", 0);
    private static final RestartPolicy ALWAYS = new RestartPolicy("always", 0);
    private static final RestartPolicy UNLESS_STOPPED = new RestartPolicy("unless-stopped", 0);

    private final String name;
    private final int maximumRetries;

    private RestartPolicy(final String name, final int maximumRetries) {
        this.name = name;
        this.maximumRetries = maximumRetries;
    }

    public static RestartPolicy no() {
        return NO;
    }

    public static RestartPolicy always() {
        return ALWAYS;
    }

    public static RestartPolicy unlessStopped() {
        return UNLESS_STOPPED;
    }

    /** Restart after a non-zero exit, at most {@code maximumRetries} times (0: without limit). */
    public static RestartPolicy onFailure(final int maximumRetries) {
        if (maximumRetries < 0) {
            throw new IllegalArgumentException("restart policy on-failure needs a retry count of 0 or more, got "
                    + maximumRetries);
        }
        return new RestartPolicy("on-failure", maximumRetries);
    }

    /** Reads the docker CLI's form: {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}. */
    public static RestartPolicy parse(final String text) {
        String value = Objects.requireNonNull(text, "text").trim();
        switch (value) {
            case "no":
                return NO;
            case "always":
                return ALWAYS;
            case "unless-stopped":
                return UNLESS_STOPPED;
            case "on-failure":
                return onFailure(0);
            default:
                if (value.matches("on-failure:[0-9]{1,9}")) {
                    return onFailure(Integer.parseInt(value.substring("on-failure:".length())));
                }
                throw new IllegalArgumentException("restart policy '" + value
                        + "' is not one of no, always, unless-stopped, on-failure[:N]");
        }
    }

    /** {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure}. */
    public String getName() {
        return name;
    }

    /** For {@code on-failure}: the most restarts (0: no limit); 0 otherwise. */
    public int getMaximumRetries() {
        return maximumRetries;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof RestartPolicy && name.equals(((RestartPolicy) other).name)
                && maximumRetries == ((RestartPolicy) other).maximumRetries;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, maximumRetries);
    }

    @Override
    public String toString() {
        return maximumRetries > 0 ? name + ":" + maximumRetries : name;
    }
}
