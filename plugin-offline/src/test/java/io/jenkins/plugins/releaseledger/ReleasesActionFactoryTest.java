package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import hudson.model.Job;
import hudson.security.ACL;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.TransientActionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's Releases link, as core 2.541.3's {@code TransientActionFactory.Cache} consults the factory: only jobs in
 * the plugin's job index get one, and lookups of other action types do not call the factory at all.
 */
class ReleasesActionFactoryTest {
    @TempDir
    Path root;

    @Test
    void shouldBeConsultedOnlyForLookupsOfItsOwnAction() {
        ReleasesActionFactory factory = new ReleasesActionFactory();

        assertThat(consulted(factory, Action.class)).as("getAllActions()").isTrue();
        assertThat(consulted(factory, ReleasesAction.class)).as("getAction(ReleasesAction.class)").isTrue();
        assertThat(consulted(factory, OtherAction.class)).as("getAction(OtherAction.class)").isFalse();
        assertThat(consulted(factory, ReleaseLedgerRunAction.class)).as("getAction(ReleaseLedgerRunAction.class)").isFalse();
    }

    @Test
    void shouldOverrideActionTypeAsCoreDeclaresIt() throws Exception {
        Method declared = TransientActionFactory.class.getMethod("actionType");
        assertThat(Modifier.isPublic(declared.getModifiers())).isTrue();
        assertThat(Modifier.isAbstract(declared.getModifiers())).as("a default in core, not abstract").isFalse();
        assertThat(declared.getGenericReturnType().getTypeName()).isEqualTo("java.lang.Class<? extends hudson.model.Action>");

        assertThat(ReleasesActionFactory.class.getDeclaredMethod("actionType").getReturnType()).isEqualTo(Class.class);
        assertThat(new ReleasesActionFactory().actionType()).isEqualTo(ReleasesAction.class);
    }

    @Test
    void shouldGiveAReleasesLinkOnlyToJobsThatRecordedEvents() throws Exception {
        JobIndex index = JobIndex.load(root.resolve(JobIndex.FILE_NAME));
        index.add("shop/main", "shop");
        index.add("shop/main", "shop/api");
        ReleasesActionFactory factory = new ReleasesActionFactory(job -> index.applicationsOf(((NamedJob) job).name));

        assertThat(factory.createFor(new NamedJob("docs/main"))).as("a job that recorded nothing").isEmpty();
        assertThat(factory.createFor(new NamedJob("shop/main"))).singleElement().isInstanceOfSatisfying(ReleasesAction.class,
                action -> assertThat(action.getApplications()).extracting(ApplicationReleases::getApplication)
                        .containsExactly("shop", "shop/api"));
    }

    @Test
    void shouldAnswerFromMemoryWithoutReadingTheIndexAgain() throws Exception {
        LedgerStore store = new LedgerStore(root);
        try {
            store.ledgerFor(LedgerAccess.job("shop/main"), "shop", false);
            ReleasesActionFactory factory = new ReleasesActionFactory(job -> store.applicationsOf(((NamedJob) job).name));
            assertThat(factory.createFor(new NamedJob("shop/main"))).hasSize(1);

            Path file = root.resolve(JobIndex.FILE_NAME);
            Files.writeString(file, "not an index");
            for (int i = 0; i < 3; i++) {
                assertThat(factory.createFor(new NamedJob("shop/main"))).hasSize(1);
                assertThat(factory.createFor(new NamedJob("docs/main"))).isEmpty();
            }
            assertThat(file).as("a read would have moved the unreadable file aside").hasContent("not an index");
        } finally {
            store.close();
        }
    }

    /** The filter of core's TransientActionFactory.Cache (jenkins-2.541.3) for a job and a looked-up action type. */
    private static boolean consulted(final TransientActionFactory<?> factory, final Class<? extends Action> lookedUp) {
        return factory.type().isAssignableFrom(NamedJob.class)
                && (lookedUp.isAssignableFrom(factory.actionType()) || factory.actionType().isAssignableFrom(lookedUp));
    }

    /** Some other plugin's action. */
    private interface OtherAction extends Action {
    }

    /** A job of the stand-in, which knows nothing but its name. */
    @SuppressWarnings("rawtypes")
    private static final class NamedJob extends Job {
        private final String name;

        NamedJob(final String name) {
            this.name = name;
        }

        @Override
        public ACL getACL() {
            throw new UnsupportedOperationException("not needed");
        }
    }
}
