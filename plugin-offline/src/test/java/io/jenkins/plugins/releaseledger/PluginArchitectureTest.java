package io.jenkins.plugins.releaseledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;
import org.kohsuke.stapler.verb.POST;

/**
 * The plugin's own layering and its use of Jenkins (issue 9, items 7, 13 and 14): the Jenkins-free classes stay free
 * of Jenkins, Jenkins' singletons are reached through {@link JenkinsFacade}, ledgers are opened by the store only, and
 * API that misleads (a task's authentication, a view-relative job URL, restricted members) is not used.
 */
class PluginArchitectureTest {
    /** The classes whose Javadoc promises "Jenkins-free": unit-tested without Jenkins. */
    private static final List<Class<?>> JENKINS_FREE = List.of(ApplicationOwnership.class, LedgerAccess.class,
            OwnerPattern.class, Names.class, EnvironmentProtection.class, DeployAuthorization.class, BuildIdentity.class,
            ClearBad.class, Applications.class, LedgerStore.class, JobIndex.class);

    private static JavaClasses plugin;

    @BeforeAll
    static void importPlugin() {
        plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.releaseledger");
    }

    @Test
    void shouldHaveImportedThePlugin() {
        assertThat(plugin.contain(JenkinsFacade.class)).isTrue();
        assertThat(plugin.contain(PluginArchitectureTest.class)).isFalse();
    }

    @Test
    void shouldLeaveDockerHaproxyRegistryAndChecksToTheAgent() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.releaseledger.rollout..",
                        "io.releaseledger.docker..", "io.releaseledger.loadbalancer..", "io.releaseledger.registry..",
                        "io.releaseledger.health..", "io.releaseledger.smoke..", "io.releaseledger.git..")
                .because("the controller keeps the ledger; all rollout I/O runs in the CLI jar on the agent")
                .check(plugin);
    }

    @Test
    void shouldKeepTheJenkinsFreeClassesFreeOfJenkins() {
        noClasses().that(DescribedPredicate.describe("are Jenkins-free",
                        javaClass -> JENKINS_FREE.stream().anyMatch(free -> javaClass.getName().equals(free.getName())
                                || javaClass.getName().startsWith(free.getName() + "$"))))
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..",
                        "org.jenkinsci..", "com.cloudbees..", "org.springframework..", "jakarta.servlet..")
                .check(plugin);
    }

    @Test
    void shouldReachTheBuildsIdentityThroughTheFacadeOnly() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName(JenkinsFacade.class.getName())
                .should().callMethod("jenkins.model.Jenkins", "getAuthentication2")
                .orShould().callMethod("hudson.model.User", "current")
                .orShould().callMethodWhere(target("hudson.model.User", "getById"))
                .orShould().callMethodWhere(target("jenkins.scm.api.SCMHead$HeadByItem", "findHead"))
                .because("the facade is what the offline tests replace (DeployIdentityTest)");
        rule.check(plugin);
    }

    @Test
    void shouldNeverAskForATasksAuthentication() {
        // the credential lists of the step forms run outside any build: there the task's authentication is the
        // credentials plugin's documented choice, and they are the only callers allowed
        noClasses().that().doNotHaveFullyQualifiedName(DeployStepForms.class.getName())
                .and().doNotHaveFullyQualifiedName(SemverTagStep.DescriptorImpl.class.getName())
                .should().callMethodWhere(target("hudson.model.queue.Tasks", "getAuthenticationOf2"))
                .because("a task outside its queue item resolves to SYSTEM under Authorize Project; a step's thread "
                        + "already runs as the build (Jenkins.getAuthentication2)")
                .check(plugin);
    }

    @Test
    void shouldNotRecordAJobUrlThatDependsOnTheView() {
        noClasses().should().callMethodWhere(DescribedPredicate.describe("Item.getUrl() of a job or item",
                        call -> call.getTarget().getName().equals("getUrl")
                                && call.getTarget().getOwner().isAssignableTo("hudson.model.Item")))
                .because("inside a request Job.getUrl() is relative to the view the user came through; use the full name")
                .check(plugin);
    }

    /**
     * Stapler routes every public {@code do…} method of an object it reaches; without a verb annotation a GET (a link,
     * an image tag on another site) runs it. Actions that change something take {@code @POST} or {@code @RequirePOST}
     * (and so the crumb), form validation {@code @POST}, the API {@code @GET}; only a fixed list (a {@code doFill…}
     * without parameters) may answer any verb.
     */
    @Test
    void shouldNameTheVerbOfEveryWebMethod() {
        methods().that().arePublic().and().haveNameMatching("do[A-Z].*")
                .and(DescribedPredicate.describe("are not a fixed list", (JavaMethod method) ->
                        !(method.getName().startsWith("doFill") && method.getRawParameterTypes().isEmpty())))
                .should().beAnnotatedWith(POST.class).orShould().beAnnotatedWith(RequirePOST.class)
                .orShould().beAnnotatedWith(GET.class)
                .check(plugin);
    }

    @Test
    void shouldNotUseMembersJenkinsRestricts() {
        noClasses().should().accessTargetWhere(DescribedPredicate.describe("@Restricted in Jenkins",
                        (JavaAccess<?> access) -> access.getTarget().isAnnotatedWith(Restricted.class)))
                .check(plugin);
    }

    @Test
    void shouldLeaveBuildingEventsToTheEngine() {
        noClasses().should().callConstructorWhere(DescribedPredicate.describe("new EventDraft",
                        call -> call.getTarget().getOwner().getName().equals("io.releaseledger.ledger.EventDraft")))
                .because("the engine owns every event's shape (VersionTagged, the deploy commands), shared with the CLI")
                .check(plugin);
    }

    @Test
    void shouldOpenLedgersInTheStoreOnly() {
        noClasses().that().doNotHaveFullyQualifiedName(LedgerStore.class.getName())
                .should().callMethodWhere(target("io.releaseledger.ledger.Ledger", "open"))
                .because("the store checks ownership before it hands out a ledger")
                .check(plugin);
        noClasses().that().doNotHaveFullyQualifiedName(ReleaseLedgers.class.getName())
                .should().callConstructorWhere(DescribedPredicate.describe("new LedgerStore",
                        call -> call.getTarget().getOwner().isEquivalentTo(LedgerStore.class)))
                .check(plugin);
    }

    private static DescribedPredicate<com.tngtech.archunit.core.domain.JavaMethodCall> target(final String owner,
            final String name) {
        return DescribedPredicate.describe(owner + "." + name,
                call -> call.getTarget().getOwner().getName().equals(owner) && call.getTarget().getName().equals(name));
    }
}
