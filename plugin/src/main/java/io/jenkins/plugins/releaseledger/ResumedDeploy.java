package io.jenkins.plugins.releaseledger;

import hudson.model.TaskListener;
import io.releaseledger.deploy.ReconcileCommand;
import io.releaseledger.ledger.Actor;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a deploy step keeps with the build so that, when the controller restarted while it ran, it can reconcile the
 * environment on resume: the descriptor, the environment, the credentials and who deployed. Its thread is gone, and
 * so are the agent's events; the lock names the controller process that ended, so it is taken over at once.
 */
final class ResumedDeploy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String stepName;
    private final String descriptorFile;
    /** The step's overrides (a JDK map); {@code null} in what a build saved before overrides existed. */
    private final HashMap<String, String> overrides;
    private final String environment;
    private final String registryCredentialsId;
    private final String actorId;
    private final String actorName;
    private final String description;

    ResumedDeploy(final String stepName, final String descriptorFile, final Map<String, String> overrides,
            final String environment, final String registryCredentialsId, final Actor actor, final String description) {
        this.stepName = stepName;
        this.descriptorFile = descriptorFile;
        this.overrides = new HashMap<>(overrides);
        this.environment = environment;
        this.registryCredentialsId = registryCredentialsId;
        this.actorId = actor.getId();
        this.actorName = actor.getName();
        this.description = description;
    }

    /**
     * Tells the user and reconciles through a fresh agent (recording what it found); never throws.
     *
     * @return the message the step then fails with: the deploy itself did not finish under this step
     */
    String reconcile(final StepContext context) {
        String what = stepName + " " + description;
        PrintStream log = null;
        try {
            log = context.get(TaskListener.class).getLogger();
            log.println(stepName + ": the controller restarted while " + what + " ran; its thread is gone. "
                    + "Reconciling " + environment + " now: every instance back on one recorded release, every server "
                    + "back in the load balancer, the outcome recorded.");
            ControllerSetup setup = ControllerSetup.read(stepName, context, descriptorFile,
                    overrides == null ? Map.of() : overrides, environment);
            Map<String, Map<String, String>> credentials = DeployCredentialVariables.deploy(setup.spec());
            setup.bind(registryCredentialsId, credentials);
            try (ActiveDeployments.Entry activity = ActiveDeployments.get().open(setup.activity("reconcile"))) {
                AgentDeploymentExecutor executor = new AgentDeploymentExecutor(stepName, setup.survivingAgent(), log,
                        setup.text(), setup.path(), credentials, activity);
                String done = new ReconcileCommand(setup.descriptor(), environment, setup.ledger(), executor)
                        .setActor(new Actor(actorId, actorName)).setOrigin(setup.origin())
                        .setMessages(setup.messages()).call();
                log.println(stepName + ": " + done);
            }
        } catch (Exception e) {
            if (log != null) {
                log.println(stepName + ": reconciling " + environment + " after the restart failed: " + e.getMessage()
                        + ". The next deploy of " + environment + " reconciles it, or an administrator with unlock "
                        + "(see docs/deploy.md, \"Aborts and restarts\").");
            }
        }
        return stepName + ": the controller restarted while " + what + " ran; the deploy did not finish in this build "
                + "(see the log for the reconcile)";
    }
}
