package io.releaseledger.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The data of the ledger events a deploy records, as {@code docs/releases-api.md} specifies them. */
public final class DeploymentEvents {
    private DeploymentEvents() {
    }

    /** The plan's configuration hashes and settings go beside the plan, as before plans carried them. */
    public static Map<String, Object> started(final DeploymentPlan plan, final String lockId) {
        Map<String, String> configuration = plan.getConfiguration();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deploymentId", plan.getDeploymentId());
        data.put("version", plan.getVersion());
        data.put("commit", plan.getCommit());
        Set<String> hosts = new LinkedHashSet<>();
        plan.getInstances().forEach(instance -> hosts.add(instance.getHost()));
        data.put("hosts", new ArrayList<>(hosts));
        data.put("image", image(plan));
        data.put("strategy", plan.getStrategy());
        data.put("configuration", new LinkedHashMap<>(configuration));
        data.put("settings", new LinkedHashMap<>(plan.getSettings()));
        if (lockId != null) {
            data.put("lockId", lockId);
        }
        Map<String, Object> planJson = plan.toJson();
        planJson.remove("configuration");
        planJson.remove("settings");
        data.put("plan", planJson);
        return data;
    }

    public static Map<String, Object> image(final DeploymentPlan plan) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("repository", plan.getRepository());
        image.put("tag", plan.getTag());
        image.put("digest", plan.getDigest());
        return image;
    }

    public static Map<String, Object> succeeded(final DeploymentPlan plan) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deploymentId", plan.getDeploymentId());
        data.put("version", plan.getVersion());
        return data;
    }

    public static Map<String, Object> failed(final DeploymentPlan plan, final String reason) {
        Map<String, Object> data = succeeded(plan);
        data.put("reason", reason);
        return data;
    }

    /** {@code restored}: whether the previous release was seen running again everywhere the deploy changed. */
    public static Map<String, Object> failed(final DeploymentPlan plan, final String reason, final boolean restored) {
        Map<String, Object> data = failed(plan, reason);
        data.put("restored", restored);
        return data;
    }

    public static Map<String, Object> checks(final DeploymentPlan plan, final boolean passed,
            final List<Map<String, Object>> results) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", plan.getVersion());
        data.put("deploymentId", plan.getDeploymentId());
        data.put("passed", passed);
        data.put("results", new ArrayList<>(results));
        return data;
    }

    public static Map<String, Object> rolledBack(final String from, final String to, final String reason,
            final boolean automatic) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from);
        data.put("to", to);
        data.put("reason", reason);
        data.put("automatic", automatic);
        return data;
    }
}
