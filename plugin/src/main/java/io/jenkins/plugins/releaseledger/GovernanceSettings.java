package io.jenkins.plugins.releaseledger;

import io.releaseledger.json.Json;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.PolicyException;
import io.releaseledger.policy.PolicyReader;
import io.releaseledger.policy.ReleasePolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's approvals and freeze windows of an application's protected environments as the engine's policy:
 * the same reader as the CLI's {@code policy.json}, so both front ends accept and refuse the same settings with the
 * same messages. Jenkins-free.
 */
final class GovernanceSettings {
    private GovernanceSettings() {
    }

    /**
     * @return the environment's policy; an empty one when the application or environment has no settings
     * @throws PolicyException when a setting is not valid (saving the configuration refuses that already)
     */
    static EnvironmentPolicy policy(final ApplicationPolicy application, final String environment) {
        if (application == null) {
            return EnvironmentPolicy.none(environment);
        }
        return read(application).forEnvironment(environment);
    }

    /** @throws PolicyException naming the application, the environment, the window and the fix */
    static ReleasePolicy read(final ApplicationPolicy application) {
        Map<String, Object> environments = new LinkedHashMap<>();
        for (ProtectedEnvironment protection : application.getProtectedEnvironments()) {
            Map<String, Object> rules = new LinkedHashMap<>();
            if (protection.getRequiredApprovals() > 0) {
                Map<String, Object> approvals = new LinkedHashMap<>();
                approvals.put("required", (long) protection.getRequiredApprovals());
                approvals.put("approvers", new ArrayList<>(protection.approverList()));
                rules.put("approvals", approvals);
            }
            List<Object> windows = new ArrayList<>();
            for (FreezeWindowSetting setting : protection.getFreezeWindows()) {
                Map<String, Object> window = new LinkedHashMap<>();
                put(window, "name", setting.getName());
                put(window, "from", setting.getFrom());
                put(window, "to", setting.getTo());
                put(window, "cron", setting.getCron());
                put(window, "duration", setting.getDuration());
                put(window, "timeZone", setting.getTimeZone());
                windows.add(window);
            }
            if (!windows.isEmpty()) {
                rules.put("freezeWindows", windows);
            }
            environments.put(protection.getName(), rules);
        }
        String source = "Release Ledger » Applications » '" + application.getName() + "' » Protected environments";
        return new PolicyReader(source).read(Json.write(Map.of("environments", environments)));
    }

    private static void put(final Map<String, Object> json, final String key, final String value) {
        if (value != null && !value.isEmpty()) {
            json.put(key, value);
        }
    }
}
