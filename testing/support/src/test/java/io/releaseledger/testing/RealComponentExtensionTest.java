package io.releaseledger.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Proves skip versus fail with JUnit's own engine, on sample classes that pretend a component is missing. */
class RealComponentExtensionTest {
    private static final String HOW_TO = "scripts/test-services.sh start";

    @BeforeEach
    void environmentSwitchIsOff() {
        // The environment variable forces failures; the skip cases cannot be shown with it set.
        assumeFalse(Boolean.parseBoolean(System.getenv(RealComponentExtension.REQUIRE_ENV)),
                RealComponentExtension.REQUIRE_ENV + " is set");
    }

    @Test
    void shouldSkipWithNoticeWhenComponentIsMissing() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        EngineExecutionResults results = captureStderr(stderr, () -> run(NeedsHaproxy.class, "HAPROXY", "false"));

        results.testEvents().assertStatistics(stats -> stats.skipped(1).started(0).failed(0));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("needsHaproxy"),
                skippedWithReason(reason -> reason.contains("HAPROXY") && reason.contains(HOW_TO))));
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("SKIPPED", "needsHaproxy", "HAPROXY", "the haproxy binary on PATH", HOW_TO);
    }

    @Test
    void shouldFailInsteadOfSkippingWhenComponentsAreRequired() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        EngineExecutionResults results = captureStderr(stderr, () -> run(NeedsHaproxy.class, "HAPROXY", "true"));

        results.testEvents().assertStatistics(stats -> stats.skipped(0).started(1).failed(1).succeeded(0));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("needsHaproxy"), finishedWithFailure(
                instanceOf(RealComponentMissingException.class),
                message(text -> text.contains("HAPROXY") && text.contains("may not be skipped")
                        && text.contains(HOW_TO)))));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).as("the failure is reported by JUnit, not printed "
                + "into every log, passing ones included").doesNotContain("FAILED");
    }

    @Test
    void shouldFailWhenTheSystemPropertyRequiresComponents() {
        String previous = System.getProperty(RealComponentExtension.REQUIRE_PROPERTY);
        System.setProperty(RealComponentExtension.REQUIRE_PROPERTY, "true");
        try {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(NeedsHaproxy.class))
                    .configurationParameter(RealComponentExtension.PRETEND_MISSING_PARAMETER, "HAPROXY")
                    .configurationParameter(SAMPLES_ENABLED, "true")
                    .execute();

            results.testEvents().assertStatistics(stats -> stats.skipped(0).failed(1));
        } finally {
            if (previous == null) {
                System.clearProperty(RealComponentExtension.REQUIRE_PROPERTY);
            } else {
                System.setProperty(RealComponentExtension.REQUIRE_PROPERTY, previous);
            }
        }
    }

    @Test
    void shouldSkipTheWholeClassWhenTheClassNeedsAMissingComponent() {
        EngineExecutionResults results = runQuietly(ClassNeedsGit.class, "GIT", "false");

        results.containerEvents().assertThatEvents().haveExactly(1, event(
                skippedWithReason(reason -> reason.contains("GIT") && reason.contains(HOW_TO))));
        results.testEvents().assertStatistics(stats -> stats.started(0).skipped(0));
    }

    @Test
    void shouldFailTheWholeClassWhenRequiredAndTheClassNeedsAMissingComponent() {
        EngineExecutionResults results = runQuietly(ClassNeedsGit.class, "GIT", "true");

        results.containerEvents().assertThatEvents().haveExactly(1, event(
                finishedWithFailure(instanceOf(RealComponentMissingException.class), message(m -> m.contains("GIT")))));
        results.containerEvents().assertStatistics(stats -> stats.skipped(0));
        results.testEvents().assertStatistics(stats -> stats.skipped(0).succeeded(0));
    }

    @Test
    void shouldApplyTheOuterClassRequirementToNestedClasses() {
        EngineExecutionResults skipped = runQuietly(OuterNeedsDocker.class, "DOCKER", "false");
        skipped.testEvents().assertStatistics(stats -> stats.started(0));

        EngineExecutionResults failed = runQuietly(OuterNeedsDocker.Inner.class, "DOCKER", "true");
        failed.testEvents().assertStatistics(stats -> stats.skipped(0).succeeded(0));
        failed.containerEvents().assertStatistics(stats -> stats.failed(1));
    }

    @Test
    void shouldRunOtherMethodsOfTheClass() {
        EngineExecutionResults results = runQuietly(OneMethodNeedsChromium.class, "CHROMIUM", "false");

        results.testEvents().assertStatistics(stats -> stats.skipped(1).succeeded(1).failed(0));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("needsNothing"),
                org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()));
    }

    @Test
    void shouldRunWhenNothingIsMissingEvenWhenRequired() {
        for (String required : new String[] {"false", "true"}) {
            EngineExecutionResults results = run(NeedsNothing.class, "", required);
            results.testEvents().assertStatistics(stats -> stats.succeeded(1).skipped(0).failed(0));
        }
    }

    @Test
    void shouldProbeOncePerJvm() {
        Component.Availability first = Component.GIT.availability();

        assertThat(Component.GIT.availability()).isSameAs(first);
        assertThat(first.getDetail()).isNotBlank();
    }

    @Test
    void shouldGiveWhatAProbeFoundOnOneLine() {
        String dockerInfo = "docker info failed: Client: Docker Engine\n Version: 20.10.24\n\nServer:\n"
                + "ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\r\n";

        assertThat(Component.Availability.missing(dockerInfo).toString()).isEqualTo("missing: docker info failed: "
                + "Client: Docker Engine / Version: 20.10.24 / Server: / ERROR: Cannot connect to the Docker daemon at "
                + "unix:///var/run/docker.sock.");
        assertThat(Component.Availability.found("git version 2.39.5").getDetail()).isEqualTo("git version 2.39.5");
    }

    @Test
    void shouldDescribeEveryComponent() {
        for (Component component : Component.values()) {
            assertThat(component.getDescription()).isNotBlank();
            assertThat(component.availability().toString()).matches("(available|missing): .+");
        }
        assertThat(Component.registryAddress()).contains(":");
    }

    private static EngineExecutionResults run(Class<?> sample, String pretendMissing, String required) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(sample))
                .configurationParameters(Map.of(
                        RealComponentExtension.PRETEND_MISSING_PARAMETER, pretendMissing,
                        RealComponentExtension.REQUIRE_PROPERTY, required,
                        SAMPLES_ENABLED, "true"))
                .execute();
    }

    /** A sample's skip notices are the sample's: kept out of this test's log, which passes. */
    private static EngineExecutionResults runQuietly(Class<?> sample, String pretendMissing, String required) {
        return captureStderr(new ByteArrayOutputStream(), () -> run(sample, pretendMissing, required));
    }

    private static EngineExecutionResults captureStderr(ByteArrayOutputStream into,
            java.util.function.Supplier<EngineExecutionResults> action) {
        PrintStream original = System.err;
        System.setErr(new PrintStream(into, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setErr(original);
        }
    }

    /** Sample classes run only inside EngineTestKit, where this parameter is set. */
    static final String SAMPLES_ENABLED = "releaseledger.testing.samples";

    @SamplesOnly
    static class NeedsHaproxy {
        @Test
        @RequiresRealComponent(Component.HAPROXY)
        void needsHaproxy() {
        }
    }

    @SamplesOnly
    @RequiresRealComponent(Component.GIT)
    static class ClassNeedsGit {
        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    @SamplesOnly
    @RequiresRealComponent(Component.DOCKER)
    static class OuterNeedsDocker {
        @Nested
        class Inner {
            @Test
            void inner() {
            }
        }
    }

    @SamplesOnly
    static class OneMethodNeedsChromium {
        @Test
        @RequiresRealComponent(Component.CHROMIUM)
        void needsChromium() {
        }

        @Test
        void needsNothing() {
        }
    }

    @SamplesOnly
    @RequiresRealComponent({})
    static class NeedsNothing {
        @Test
        void needsNothing() {
        }
    }
}
