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
import java.util.List;
import jenkins.model.Jenkins;

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
}
