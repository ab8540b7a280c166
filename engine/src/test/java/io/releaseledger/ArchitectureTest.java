package io.releaseledger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the engine free of Jenkins and its layers as drawn in docs/architecture.md. Plain Jupiter tests rather than
 * ArchUnit's own engine, so that Surefire runs them (it reported the {@code @ArchTest} fields as zero tests).
 */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.releaseledger");
    }

    @Test
    void shouldHaveImportedTheEngine() {
        assertThat(engine.containPackage("io.releaseledger.semver")).isTrue();
        assertThat(engine.containPackage("io.releaseledger.git")).isTrue();
    }

    @Test
    void shouldNotUseJenkinsTypes() {
        NO_JENKINS_TYPES.check(engine);
    }

    @Test
    void shouldUseJGitOnlyInTheAdapter() {
        ONLY_THE_ADAPTER_SEES_JGIT.check(engine);
    }

    @Test
    void shouldKeepTheSharedVocabularyFreeOfUpperLayers() {
        VALUE_TYPES_STAND_ALONE.check(engine);
    }

    @Test
    void shouldKeepThePolicyFreeOfTheLedgerAndTheCommands() {
        POLICY_STANDS_ALONE.check(engine);
    }

    @Test
    void shouldReachGitThroughThePortOnly() {
        USE_CASES_USE_THE_PORT.check(engine);
    }

    @Test
    void shouldUseDockerJavaOnlyInItsAdapter() {
        ONLY_THE_ADAPTER_SEES_DOCKER_JAVA.check(engine);
    }

    @Test
    void shouldReadYamlOnlyInTheDescriptor() {
        ONLY_THE_DESCRIPTOR_READS_YAML.check(engine);
    }

    @Test
    void shouldKeepPortsFreeOfTheirAdapters() {
        PORTS_DO_NOT_SEE_ADAPTERS.check(engine);
    }

    @Test
    void shouldKeepTheLedgerFreeOfGitAndUseCases() {
        LEDGER_STANDS_BELOW_USE_CASES.check(engine);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        NO_PACKAGE_CYCLES.check(engine);
    }

    @Test
    void shouldKeepControllerSideCodeAwayFromRolloutIo() {
        CONTROLLER_SIDE_DOES_NO_ROLLOUT_IO.check(engine);
    }

    private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.releaseledger.(**)").should().beFreeOfCycles()
            .because("a cycle means two packages can only be understood, tested and changed together");

    /** What the Jenkins controller loads: the ledger and the commands that keep it. */
    static final String[] CONTROLLER_SIDE = {"io.releaseledger.ledger..", "io.releaseledger.deploy..",
        "io.releaseledger.policy.."};

    /** What only the CLI's process (or the agent) may touch: the rollout and its I/O. */
    static final String[] ROLLOUT_IO = {"io.releaseledger.rollout..", "io.releaseledger.docker..",
        "io.releaseledger.loadbalancer..", "io.releaseledger.registry..", "io.releaseledger.health..",
        "io.releaseledger.smoke..", "io.releaseledger.git..", "io.releaseledger.swarm.."};

    private static final ArchRule CONTROLLER_SIDE_DOES_NO_ROLLOUT_IO = noClasses()
            .that().resideInAnyPackage(CONTROLLER_SIDE)
            .should().dependOnClassesThat().resideInAnyPackage(ROLLOUT_IO)
            .because("the controller keeps the ledger; Docker, HAProxy, the registry and the checks run on the agent");

    private static final ArchRule NO_JENKINS_TYPES = noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..")
            .because("the engine runs outside Jenkins, in the CLI and on agents");

    private static final ArchRule ONLY_THE_ADAPTER_SEES_JGIT = noClasses().that().resideOutsideOfPackage("io.releaseledger.git..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jgit..", "org.apache.sshd..")
            .because("JGit is translated once, at the port; the Jenkins controller never loads it");

    private static final ArchRule VALUE_TYPES_STAND_ALONE = noClasses()
            .that().resideInAnyPackage("io.releaseledger.version..", "io.releaseledger.commits..",
                    "io.releaseledger.json..", "io.releaseledger.report..")
            .should().dependOnClassesThat().resideInAnyPackage("io.releaseledger.scm..", "io.releaseledger.semver..",
                    "io.releaseledger.git..", "io.releaseledger.agent..", "io.releaseledger.ledger..",
                    "io.releaseledger.docker..", "io.releaseledger.registry..", "io.releaseledger.descriptor..",
                    "io.releaseledger.loadbalancer..", "io.releaseledger.deploy..", "io.releaseledger.health..")
            .because("versions, commits, JSON and messages are the vocabulary every layer shares");

    private static final ArchRule POLICY_STANDS_ALONE = noClasses()
            .that().resideInAPackage("io.releaseledger.policy..")
            .should().dependOnClassesThat().resideInAnyPackage("io.releaseledger.scm..", "io.releaseledger.semver..",
                    "io.releaseledger.git..", "io.releaseledger.agent..", "io.releaseledger.ledger..",
                    "io.releaseledger.descriptor..", "io.releaseledger.deploy..", "io.releaseledger.rollout..")
            .because("the policy is a model and its evaluation: the commands use it, the controller and the CLI load it");

    private static final ArchRule USE_CASES_USE_THE_PORT = noClasses().that().resideInAnyPackage("io.releaseledger.semver..",
                    "io.releaseledger.scm..", "io.releaseledger.agent..")
            .should().dependOnClassesThat().resideInAPackage("io.releaseledger.git..")
            .because("use cases and the agent protocol talk to git through the scm port only");

    private static final ArchRule LEDGER_STANDS_BELOW_USE_CASES = noClasses()
            .that().resideInAPackage("io.releaseledger.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("io.releaseledger.scm..", "io.releaseledger.semver..",
                    "io.releaseledger.git..", "io.releaseledger.agent..", "io.releaseledger.docker..",
                    "io.releaseledger.registry..", "io.releaseledger.descriptor..", "io.releaseledger.loadbalancer..",
                    "io.releaseledger.deploy..", "io.releaseledger.health..")
            .because("the Jenkins controller owns the ledger and must load it without git, Docker or the use cases");

    private static final ArchRule ONLY_THE_ADAPTER_SEES_DOCKER_JAVA = noClasses()
            .that().resideOutsideOfPackage("io.releaseledger.docker.javaclient..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
            .because("docker-java is translated once, in its adapter; the Jenkins controller never loads it");

    private static final ArchRule ONLY_THE_DESCRIPTOR_READS_YAML = noClasses()
            .that().resideOutsideOfPackage("io.releaseledger.descriptor..")
            .should().dependOnClassesThat().resideInAnyPackage("org.snakeyaml..")
            .because("the release descriptor is the only YAML the product reads");

    private static final ArchRule PORTS_DO_NOT_SEE_ADAPTERS = noClasses()
            .that().resideInAnyPackage("io.releaseledger.docker", "io.releaseledger.loadbalancer",
                    "io.releaseledger.descriptor..", "io.releaseledger.registry..")
            .should().dependOnClassesThat().resideInAnyPackage("io.releaseledger.docker.javaclient..",
                    "io.releaseledger.loadbalancer.haproxy..", "io.releaseledger.git..", "io.releaseledger.scm..")
            .because("ports and the descriptor describe what is wanted; adapters know how");
}
