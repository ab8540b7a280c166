package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.util.Secret;
import io.releaseledger.ledger.EventTypes;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * smokeCheck in real Pipelines against an in-process HTTP server on 127.0.0.1: the checks run in the CLI jar as the
 * agent (the built-in node here), the token comes from Jenkins credentials and never reaches the log, the JUnit
 * report lands in the workspace, the controller's ledger records check.recorded and a failed check fails the build.
 */
@WithJenkins
class SmokeCheckStepITest {
    private static final String TOKEN = "smoke-itest-token-51c7e2";

    private HttpServer server;
    private StringCredentialsImpl token;
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            boolean authorized = TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Smoke-Token"));
            int status = switch (path) {
                case "/" -> authorized ? 200 : 401;
                case "/health" -> 200;
                default -> 500;
            };
            byte[] body = (status == 200 ? "ok" : "Traceback (most recent call last)").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String descriptor(final String healthPath) {
        return """
                schemaVersion: 1
                application: smokeitest
                image: 127.0.0.1:1/team/shop
                environments:
                  - name: staging
                    hosts: [tcp://127.0.0.1:1]
                    smokeChecks:
                      checks:
                        - http:
                            name: home
                            url: http://127.0.0.1:%1$d/
                            token: {header: X-Smoke-Token, secret: {credentialsId: smoke-token}}
                        - http:
                            name: health
                            url: http://127.0.0.1:%1$d%2$s
                """.formatted(server.getAddress().getPort(), healthPath);
    }

    private WorkflowRun run(final JenkinsRule r, final String name, final String healthPath, final String steps,
            final Result expected) throws Exception {
        return runWith(r, name, descriptor(healthPath), steps, expected);
    }

    private WorkflowRun runWith(final JenkinsRule r, final String name, final String descriptor, final String steps,
            final Result expected) throws Exception {
        token = new StringCredentialsImpl(CredentialsScope.GLOBAL, "smoke-token", "smoke", Secret.fromString(TOKEN));
        SystemCredentialsProvider.getInstance().getCredentials().add(token);
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'release-ledger.yaml', text: '''%s'''
                  %s
                }
                """.formatted(descriptor, steps), true));
        WorkflowRun build = r.assertBuildStatus(expected, job.scheduleBuild2(0));
        r.assertLogNotContains(TOKEN, build);
        return build;
    }

    @Test
    void shouldPassRecordAndWriteTheJUnitReport(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "passing", "/health", """
                def result = smokeCheck environment: 'staging', version: '1.4.0'
                echo "passed=${result.passed} failed=${result.failed} version=${result.version} rolledBackTo=${result.rolledBackTo}"
                echo "junit=" + readFile('release-ledger-smoke-staging.xml').contains('<testsuite')
                """, Result.SUCCESS);

        r.assertLogContains("passed=true failed=0 version=1.4.0 rolledBackTo=null", build);
        r.assertLogContains("junit=true", build);
        assertThat(CredentialsProvider.getFingerprintOf(token)).as("credentials use tracked").isNotNull();
        r.assertLogContains("PASS", build);
        r.assertLogContains("junit 'release-ledger-smoke-staging.xml'", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class).getEvents()).extracting(RecordedEvent::getType)
                .containsExactly(EventTypes.CHECK_RECORDED);
        assertThat(ReleaseLedgers.get().applicationsOf("passing")).containsExactly("smokeitest");
        FlowNode node = new DepthFirstScanner().findFirstMatch(build.getExecution(), new NodeStepTypePredicate("smokeCheck"));
        assertThat(ArgumentsAction.getStepArgumentsAsString(node)).isEqualTo("staging 1.4.0");
    }

    @Test
    void shouldFailTheBuildNamingTheFailedCheckAndStillWriteTheReport(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "failing", "/broken", """
                try {
                  smokeCheck environment: 'staging', version: '1.4.0', junitFile: 'reports/smoke.xml', failFast: false
                  echo 'not reached'
                } finally {
                  def report = readFile('reports/smoke.xml')
                  echo "report failure=${report.contains('<failure')} health=${report.contains('health')} token=${report.contains('%s')}"
                }
                """.formatted(TOKEN), Result.FAILURE);

        r.assertLogContains("smokeCheck: smoke checks of staging (1.4.0) failed: health", build);
        r.assertLogContains("FAIL", build);
        r.assertLogNotContains("not reached", build);
        r.assertLogContains("report failure=true health=true token=false", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class).getEvents()).extracting(RecordedEvent::getType)
                .containsExactly(EventTypes.CHECK_RECORDED);
        assertThat(ActiveDeployments.get().isBusy()).isFalse();
    }

    @Test
    void shouldRefuseAJUnitFileOutsideTheWorkspaceBeforeAnythingRuns(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "outside", "/health", "smokeCheck environment: 'staging', version: '1.4.0', "
                + "junitFile: '../smoke.xml'", Result.FAILURE);

        r.assertLogContains("must be a path inside the workspace", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class)).isNull();
    }

    @Test
    void shouldRefuseARollbackOfAProtectedEnvironmentWithoutAUserBeforeAnyCheckRuns(final JenkinsRule r)
            throws Exception {
        String protectedStaging = descriptor("/health").replace("  - name: staging\n",
                "  - name: staging\n    protected: true\n");
        assertThat(protectedStaging).contains("protected: true");

        WorkflowRun build = runWith(r, "protected", protectedStaging,
                "smokeCheck environment: 'staging', version: '1.4.0', rollbackOnFailure: true", Result.FAILURE);

        r.assertLogContains("is protected", build);
        r.assertLogContains("Authorize Project", build);
        assertThat(requests).as("no check ran").hasValue(0);
        assertThat(build.getAction(ReleaseLedgerRunAction.class)).isNull();
    }

    @Test
    void shouldNotNeedThePermissionToOnlyCheckAProtectedEnvironment(final JenkinsRule r) throws Exception {
        String protectedStaging = descriptor("/health").replace("  - name: staging\n",
                "  - name: staging\n    protected: true\n");

        WorkflowRun build = runWith(r, "protected-check", protectedStaging,
                "smokeCheck environment: 'staging', version: '1.4.0'", Result.SUCCESS);

        r.assertLogContains("Smoke checks passed", build);
    }
}
