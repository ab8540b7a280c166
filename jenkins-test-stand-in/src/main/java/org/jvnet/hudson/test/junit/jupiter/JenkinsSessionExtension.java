package org.jvnet.hudson.test.junit.jupiter;

import org.jvnet.hudson.test.fixtures.JenkinsSessionFixture;

public class JenkinsSessionExtension {
    @FunctionalInterface
    public interface Step extends JenkinsSessionFixture.Step {
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException("stand-in");
    }
}
