package io.releaseledger.testing.fakes;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts every call the fakes receive and fails the one numbered {@link #failCall} once: a sweep over every failure
 * point of a deploy sets it to 1, 2, 3… in turn.
 */
public final class Faults {
    private final List<String> calls = new ArrayList<>();
    private int failCall;
    private String failOn;
    private int occurrence;
    private String failed;

    /** Fails the {@code call}-th call counted from the first (1-based); 0 fails none. */
    public Faults failCall(final int call) {
        this.failCall = call;
        return this;
    }

    /** Fails the {@code nth} call named {@code what} from now on (such as {@code "h create app-web-1"}). */
    public synchronized Faults failOn(final String what, final int nth) {
        this.failOn = what;
        this.occurrence = nth;
        return this;
    }

    /** Records the call, and throws what {@code failure} makes when it is the one to fail. */
    public synchronized void call(final String what, final java.util.function.Function<String, RuntimeException> failure) {
        calls.add(what);
        if (what.equals(failOn) && --occurrence == 0) {
            failOn = null;
            failed = what;
            throw failure.apply("injected failure of " + what);
        }
        if (calls.size() == failCall) {
            failed = what;
            throw failure.apply("injected failure of call " + failCall + ": " + what);
        }
    }

    public synchronized int count() {
        return calls.size();
    }

    public synchronized List<String> calls() {
        return new ArrayList<>(calls);
    }

    /** The call that was failed, {@code null} when none was. */
    public synchronized String failed() {
        return failed;
    }
}
