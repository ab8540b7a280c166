package io.jenkins.plugins.releaseledger;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The snippet generator writes what the step reads back, and omits the defaults. */
@WithJenkins
class SemverTagSnippetITest {
    @Test
    void shouldRoundTripTheDefaults(final JenkinsRule r) throws Exception {
        new SnippetizerTester(r).assertRoundTrip(new SemverTagStep(), "semverTag()");
    }

    @Test
    void shouldRoundTripEveryParameter(final JenkinsRule r) throws Exception {
        SemverTagStep step = new SemverTagStep();
        step.setAllowDirty(true);
        step.setApplication("shop");
        step.setBranch("feature/x");
        step.setBreakingBelowOne("MAJOR");
        step.setCredentialsId("git-creds");
        step.setDryRun(true);
        step.setFetch(false);
        step.setInitialVersion("1.0.0");
        step.setMaxPushAttempts(5);
        step.setOtherCommitsBump("NONE");
        step.setPaths("api/, shared/");
        step.setPreReleaseId("rc");
        step.setPrefix("api/v");
        step.setPush(false);
        step.setReleaseBranches("main, release/*");
        step.setRemote("upstream");

        new SnippetizerTester(r).assertRoundTrip(step, "semverTag allowDirty: true, application: 'shop', branch: 'feature/x', "
                + "breakingBelowOne: 'MAJOR', credentialsId: 'git-creds', dryRun: true, fetch: false, "
                + "initialVersion: '1.0.0', maxPushAttempts: 5, otherCommitsBump: 'NONE', paths: 'api/, shared/', "
                + "preReleaseId: 'rc', prefix: 'api/v', push: false, releaseBranches: 'main, release/*', "
                + "remote: 'upstream'");
    }

    @Test
    void shouldRoundTripAMonorepoComponent(final JenkinsRule r) throws Exception {
        SemverTagStep step = new SemverTagStep();
        step.setPrefix("api/v");
        step.setPaths("api/");

        new SnippetizerTester(r).assertRoundTrip(step, "semverTag paths: 'api/', prefix: 'api/v'");
    }

    @Test
    void shouldDescribeEveryParameterForTheDocumentation(final JenkinsRule r) throws Exception {
        SnippetizerTester.assertDocGeneration(SemverTagStep.class);
    }
}
