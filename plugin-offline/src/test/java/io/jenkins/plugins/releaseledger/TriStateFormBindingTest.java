package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The snippet generator's form of each step, bound the way Stapler binds it (see {@link StaplerFormBinding}): an
 * option left at its default stays out of the snippet, "No" still writes {@code false}.
 */
class TriStateFormBindingTest {
    private final StaplerFormBinding stapler = new StaplerFormBinding();

    private static final Map<Class<? extends Step>, Map<String, Object>> REQUIRED = Map.of(
            DeployStageStep.class, Map.of("environment", "staging", "version", "1.4.0"),
            PromoteStep.class, Map.of("to", "production"),
            SmokeCheckStep.class, Map.of("environment", "staging"),
            RollbackStep.class, Map.of("environment", "production", "reason", "checkout broken"));

    private static final Map<Class<? extends Step>, String> TRI_STATE = Map.of(
            DeployStageStep.class, "releaseBranch",
            PromoteStep.class, "releaseBranch",
            SmokeCheckStep.class, "failFast");

    /** What the snippet generator posts when only the required fields are filled: checkboxes false, the rest "". */
    private static Map<String, Object> untouchedForm(final Class<? extends Step> step) {
        Map<String, Object> form = new HashMap<>();
        for (Class<?> type = step; type != null; type = type.getSuperclass()) {
            for (Method setter : type.getDeclaredMethods()) {
                if (setter.isAnnotationPresent(DataBoundSetter.class)) {
                    String name = setter.getName().substring(3, 4).toLowerCase(java.util.Locale.ROOT) + setter.getName().substring(4);
                    form.put(name, setter.getParameterTypes()[0] == boolean.class ? Boolean.FALSE : "");
                }
            }
        }
        form.putAll(REQUIRED.get(step));
        return form;
    }

    /** The descriptor's newInstance, then Stapler's binding. */
    private <T extends Step> T submit(final Class<T> step, final Map<String, Object> form) throws Exception {
        DeployStepForms.unsetBlankTriStates(step, form);
        DeployStepForms.overridesPerLine(form);
        return stapler.bind(step, form);
    }

    @Test
    void shouldBindTheOverridesTextareaOneOverrideALineAndLeaveAnEmptyOneOutOfTheSnippet() throws Exception {
        for (Class<? extends Step> step : REQUIRED.keySet()) {
            Map<String, Object> form = untouchedForm(step);
            form.put("overrides", "environments.staging.strategy=recreate\n\n  image=reg:5000/shop-hotfix \n");

            ReleaseStep bound = (ReleaseStep) submit(step, form);

            assertThat(bound.getOverrides()).as(step.getSimpleName()).containsExactly(
                    "environments.staging.strategy=recreate", "image=reg:5000/shop-hotfix");
            assertThat(stapler.snippetArguments(bound)).containsEntry("overrides", bound.getOverrides());
            assertThat(stapler.snippetArguments(submit(step, untouchedForm(step)))).doesNotContainKey("overrides");
        }
    }

    @Test
    void shouldBindOneStringInStaplerItselfAsOneItemHoldingEveryLine() throws Exception {
        Map<String, Object> form = untouchedForm(DeployStageStep.class);
        form.put("overrides", "a=1\nb=2");

        assertThat(stapler.bind(DeployStageStep.class, form).getOverrides()).containsExactly("a=1\nb=2");
    }

    @Test
    void shouldBindABlankSelectToFalseInStaplerItself() throws Exception {
        Map<String, Object> form = untouchedForm(DeployStageStep.class);

        assertThat(stapler.bind(DeployStageStep.class, form).getReleaseBranch()).isFalse();
    }

    @Test
    void shouldGenerateOnlyTheRequiredArgumentsFromAnUntouchedForm() throws Exception {
        for (Class<? extends Step> step : REQUIRED.keySet()) {
            Step bound = submit(step, untouchedForm(step));

            assertThat(stapler.snippetArguments(bound)).as(step.getSimpleName()).isEqualTo(REQUIRED.get(step));
        }
    }

    @Test
    void shouldWriteFalseAndTrueWhenChosen() throws Exception {
        for (Map.Entry<Class<? extends Step>, String> option : TRI_STATE.entrySet()) {
            for (String choice : List.of("true", "false")) {
                Map<String, Object> form = untouchedForm(option.getKey());
                form.put(option.getValue(), choice);

                Map<String, Object> arguments = stapler.snippetArguments(submit(option.getKey(), form));

                assertThat(arguments).as("%s %s", option.getKey().getSimpleName(), choice)
                        .containsEntry(option.getValue(), Boolean.valueOf(choice)).hasSize(REQUIRED.get(option.getKey()).size() + 1);
            }
        }
    }

    @Test
    void shouldKeepBooleanSettersForPipelineScripts() throws Exception {
        for (Map.Entry<Class<? extends Step>, String> option : TRI_STATE.entrySet()) {
            String name = option.getValue();
            Method setter = option.getKey().getMethod("set" + Character.toUpperCase(name.charAt(0)) + name.substring(1),
                    Boolean.class);

            assertThat(setter.isAnnotationPresent(DataBoundSetter.class)).as(setter.toString()).isTrue();
        }
    }

    @Test
    void shouldUnsetBlankTriStatesInTheDescriptorOfEveryStepThatHasThem() throws Exception {
        Method newInstance = DeploymentStepDescriptor.class.getDeclaredMethod("newInstance", StaplerRequest2.class,
                JSONObject.class);
        assertThat(Modifier.isPublic(newInstance.getModifiers())).isTrue();
        for (Class<? extends Step> step : TRI_STATE.keySet()) {
            Class<?> descriptor = Class.forName(step.getName() + "$DescriptorImpl");
            assertThat(DeploymentStepDescriptor.class).as(step.getSimpleName()).isAssignableFrom(descriptor);
            assertThat(descriptor.getMethod("newInstance", StaplerRequest2.class, JSONObject.class).getDeclaringClass())
                    .isEqualTo(DeploymentStepDescriptor.class);
        }
    }

    @Test
    void shouldFindEveryBooleanOptionOfTheSteps() throws Exception {
        for (Class<? extends Step> step : REQUIRED.keySet()) {
            for (Method setter : step.getMethods()) {
                if (setter.isAnnotationPresent(DataBoundSetter.class) && setter.getParameterTypes()[0] == Boolean.class) {
                    assertThat(TRI_STATE).as("a tri-state option not covered here: %s", setter).containsKey(step);
                }
            }
        }
    }
}
