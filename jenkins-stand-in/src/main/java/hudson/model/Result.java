package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public final class Result implements Serializable {
    public static final @NonNull Result SUCCESS = new Result("SUCCESS");

    public static final @NonNull Result UNSTABLE = new Result("UNSTABLE");

    public static final @NonNull Result FAILURE = new Result("FAILURE");

    public static final @NonNull Result ABORTED = new Result("ABORTED");

    // Distinct constants, so offline tests can tell which result a step set; the real constructor is private too.
    private final String name;

    private Result(final String name) {
        this.name = name;
    }

    @Override
    public @NonNull String toString() {
        return name;
    }
}
