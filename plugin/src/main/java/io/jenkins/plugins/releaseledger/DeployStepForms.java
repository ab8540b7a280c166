package io.jenkins.plugins.releaseledger;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundSetter;

/** The form helpers the three deployment steps' descriptors share (snippet generator and form validation). */
final class DeployStepForms {
    private DeployStepForms() {
    }

    /** Username/password credentials, listed only to users who could pick one. */
    static ListBoxModel registryCredentials(final Item item, final String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = current == null ? "" : current;
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(value);
            }
        } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(value);
        }
        return result
                .includeEmptyValue()
                .includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, item,
                        StandardCredentials.class, List.of(),
                        CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class))
                .includeCurrentValue(value);
    }

    /** Empty (detect from {@code BRANCH_NAME}), {@code true}, {@code false}. */
    static ListBoxModel releaseBranch() {
        ListBoxModel items = new ListBoxModel();
        items.add("Detect: BRANCH_NAME is main or master", "");
        items.add("Yes", "true");
        items.add("No", "false");
        return items;
    }

    static FormValidation lockTimeout(final String value) {
        List<String> problems = DeployOptions.validate(DeployOptions.blankToNull(value));
        return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(problems.get(0));
    }

    /**
     * Removes the blank value a tri-state select posts for "Detect" / "As the release descriptor says". Stapler
     * converts "" for a {@code Boolean} setter with commons-beanutils' {@code BooleanConverter}, whose default is
     * {@code Boolean.FALSE}, so the snippet would say {@code false}; without the key Stapler never calls the setter,
     * the option stays {@code null} and the snippet leaves it out. "true" and "false" still bind as they are.
     */
    static void unsetBlankTriStates(final Class<?> stepClass, final Map<String, Object> form) {
        for (Class<?> type = stepClass; type != null; type = type.getSuperclass()) {
            for (Method setter : type.getDeclaredMethods()) {
                if (isTriStateSetter(setter) && "".equals(form.get(propertyName(setter)))) {
                    form.remove(propertyName(setter));
                }
            }
        }
    }

    /**
     * Turns the overrides textarea (one {@code path=value} a line) into a list: Stapler binds a JSON array to the
     * {@code List<String>} setter item by item, but a single string would become one item holding every line.
     */
    static void overridesPerLine(final Map<String, Object> form) {
        if (form.get("overrides") instanceof String text) {
            List<String> lines = text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
            if (lines.isEmpty()) {
                form.remove("overrides");
            } else {
                form.put("overrides", new java.util.ArrayList<>(lines));
            }
        }
    }

    private static boolean isTriStateSetter(final Method method) {
        return Modifier.isPublic(method.getModifiers()) && method.getName().startsWith("set")
                && method.getParameterCount() == 1 && method.getParameterTypes()[0] == Boolean.class
                && method.isAnnotationPresent(DataBoundSetter.class);
    }

    private static String propertyName(final Method setter) {
        String name = setter.getName().substring("set".length());
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
