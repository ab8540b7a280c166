package io.releaseledger.deploy;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.DeployOperation;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the plugin's executor does, without Jenkins: every call becomes an agent request (written and read back as
 * the JSON that crosses the wire), runs as the agent's {@link DeployOperation}, and its result (JSON again) is read
 * with {@link DeployProtocol}; the events of execute and reconcile are recorded here, "on the controller".
 */
final class ProtocolExecutor implements DeploymentExecutor {
    private final String descriptorText;
    private final Path workspace;
    private final Map<String, Map<String, String>> credentials;
    private final Map<String, String> agentEnvironment;
    /** What the agent wrote to stderr, line by line. */
    final List<String> live = Collections.synchronizedList(new ArrayList<>());
    /** Every result as it crossed the wire. */
    final List<String> wire = new ArrayList<>();

    ProtocolExecutor(final String descriptorText, final Path workspace,
            final Map<String, Map<String, String>> credentials, final Map<String, String> agentEnvironment) {
        this.descriptorText = descriptorText;
        this.workspace = workspace;
        this.credentials = credentials;
        this.agentEnvironment = agentEnvironment;
    }

    private Map<String, Object> call(final String operation, final Map<String, Object> options) {
        AgentRequest request = AgentRequest.fromJson(new AgentRequest(operation, workspace.toString(), options).toJson());
        Messages response = new Messages();
        Map<String, Object> result = new DeployOperation(operation, agentEnvironment, live::add)
                .setStopTimeout(Duration.ofSeconds(1)).run(request, response);
        if (!response.getAll().isEmpty()) {
            throw new AssertionError("deploy operations print live, not in the response: " + response.getAll());
        }
        String json = Json.writeAscii(result);
        wire.add(json);
        return Json.parseObject(json);
    }

    @Override
    public DeploymentPlan plan(final PlanRequest request) {
        return DeployProtocol.readPlan(call(DeployProtocol.PLAN, DeployProtocol.planOptions(descriptorText,
                "release-ledger.yaml", request.getEnvironment(), credentials, request)));
    }

    @Override
    public DeploymentResult execute(final DeploymentPlan plan, final String lockId, final DeploymentRecorder recorder) {
        DeployProtocol.ExecuteOutcome outcome = DeployProtocol.readExecute(call(DeployProtocol.EXECUTE,
                DeployProtocol.executeOptions(descriptorText, "release-ledger.yaml", plan.getEnvironment(), credentials,
                        plan, lockId)));
        append(outcome.getEvents(), recorder);
        if (!outcome.isSucceeded()) {
            throw new DeploymentException(outcome.getMessage());
        }
        return new DeploymentResult(plan, Duration.ofMillis(outcome.getDurationMillis()));
    }

    @Override
    public void reconcile(final DeploymentPlan plan, final DeploymentRecorder recorder) {
        Map<String, Object> result = call(DeployProtocol.RECONCILE, DeployProtocol.reconcileOptions(descriptorText,
                "release-ledger.yaml", plan.getEnvironment(), credentials, plan));
        append(DeployProtocol.readEvents(result), recorder);
        if (DeployProtocol.readMessage(result) != null) {
            throw new DeploymentException(DeployProtocol.readMessage(result));
        }
    }

    @Override
    public List<String> tagImage(final DeploymentPlan plan, final List<String> tags) {
        return DeployProtocol.readWarnings(call(DeployProtocol.TAG, DeployProtocol.tagOptions(descriptorText,
                "release-ledger.yaml", plan.getEnvironment(), credentials, plan, tags)));
    }

    @SuppressWarnings("unchecked")
    private static void append(final List<Map<String, Object>> events, final DeploymentRecorder recorder) {
        for (Map<String, Object> event : events) {
            recorder.record((String) event.get("type"), (String) event.get("environment"),
                    (Map<String, Object>) event.get("data"));
        }
    }
}
