package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.descriptor.ContainerSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.EnvironmentVariable;
import io.releaseledger.descriptor.PortMapping;
import io.releaseledger.descriptor.SecretReference;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.RestartPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns the descriptor's container and one planned instance into the request that creates its container. */
final class ContainerFactory {
    private final String application;
    private final EnvironmentSpec environment;
    private final Function<SecretReference, String> secrets;
    private final Path workspace;

    ContainerFactory(final String application, final EnvironmentSpec environment,
            final Function<SecretReference, String> secrets, final Path workspace) {
        this.application = application;
        this.environment = environment;
        this.secrets = secrets;
        this.workspace = workspace;
    }

    ContainerRequest request(final PlannedInstance instance, final String image, final String digest,
            final String version, final String build, final String deploymentId) {
        ContainerSpec container = environment.getContainer();
        Map<String, String> env = new LinkedHashMap<>();
        for (String file : container.getEnvFiles()) {
            env.putAll(readEnvFile(workspace.resolve(file)));
        }
        for (EnvironmentVariable variable : container.getEnv()) {
            env.put(variable.getName(), variable.isSecret() ? secret(variable) : variable.getValue());
        }
        if (instance.getPort() > 0) {
            env.put(environment.getInstances().getPortVariable(), Integer.toString(instance.getPort()));
        }
        Map<String, String> labels = new LinkedHashMap<>(container.getLabels());
        labels.put(Labels.APPLICATION, application);
        labels.put(Labels.ENVIRONMENT, environment.getName());
        if (version != null) {
            labels.put(Labels.VERSION, version);
        }
        labels.put(Labels.DIGEST, digest);
        if (build != null) {
            labels.put(Labels.BUILD, build);
        }
        if (deploymentId != null) {
            labels.put(Labels.DEPLOYMENT, deploymentId);
        }
        ContainerRequest request = new ContainerRequest(instance.getContainerName(), image).setEnvironment(env)
                .setLabels(labels).setCommand(container.getCommand())
                .setNetworkMode(container.getNetwork())
                .setRestartPolicy(RestartPolicy.parse(container.getRestartPolicy())).setInit(container.isInit());
        if (!container.isHostNetwork()) {
            Map<Integer, Integer> ports = new LinkedHashMap<>();
            int containerPort = environment.getInstances().getContainerPort();
            if (containerPort > 0 && instance.getPort() > 0) {
                ports.put(instance.getPort(), containerPort);
            } else {
                for (PortMapping mapping : container.getPorts()) {
                    if ("tcp".equalsIgnoreCase(mapping.getProtocol()) && mapping.getHostPort() > 0) {
                        ports.put(mapping.getHostPort(), mapping.getContainerPort());
                    }
                }
            }
            request.setPorts(ports);
        }
        return request;
    }

    /**
     * The configuration the containers get from the descriptor (env files and variables, not the port), as a keyed hash
     * of each value by name (see {@link ConfigurationHashes}): a change shows in the ledger, a value never does. A
     * secret that cannot be resolved is left out; creating the container reports it.
     *
     * @param key the ledger's configuration key (base64), {@code null} for none
     */
    Map<String, String> configurationHashes(final String key) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String file : environment.getContainer().getEnvFiles()) {
            try {
                values.putAll(readEnvFile(workspace.resolve(file)));
            } catch (DeploymentException unreadable) {
                // reported when the container is created
            }
        }
        for (EnvironmentVariable variable : environment.getContainer().getEnv()) {
            String value = variable.isSecret() ? secrets.apply(variable.getSecret()) : variable.getValue();
            if (value != null) {
                values.put(variable.getName(), value);
            } else {
                values.remove(variable.getName());
            }
        }
        ConfigurationHashes hashes = new ConfigurationHashes(key);
        Map<String, String> hashed = new LinkedHashMap<>();
        values.forEach((name, value) -> hashed.put(name, hashes.hash(name, value)));
        return hashed;
    }

    /**
     * The settings that are not secret, shown as they are: published ports, network, restart policy, instances,
     * strategy, env files, and the descriptor's fingerprint; the command only as a keyed hash, since people put
     * tokens in command lines.
     */
    Map<String, Object> settings(final String key, final String descriptorFingerprint) {
        ContainerSpec container = environment.getContainer();
        Map<String, Object> settings = new LinkedHashMap<>();
        List<Object> ports = new ArrayList<>();
        container.getPorts().forEach(port -> ports.add(port.toString()));
        settings.put("ports", ports);
        settings.put("network", container.getNetwork());
        settings.put("restartPolicy", container.getRestartPolicy());
        settings.put("instances", (long) environment.getInstanceCount());
        settings.put("strategy", environment.getStrategy().toString());
        settings.put("envFiles", new ArrayList<Object>(container.getEnvFiles()));
        if (!container.getCommand().isEmpty()) {
            settings.put("command", new ConfigurationHashes(key).hash("command",
                    String.join("\u0000", container.getCommand())));
        }
        if (descriptorFingerprint != null) {
            settings.put("descriptor", descriptorFingerprint);
        }
        return settings;
    }

    private String secret(final EnvironmentVariable variable) {
        String value = secrets.apply(variable.getSecret());
        if (value == null) {
            throw new DeploymentException("The secret of environment variable " + variable.getName() + " ("
                    + variable.getSecret() + ") is not available; provide it before deploying to "
                    + environment.getName() + ".");
        }
        return value;
    }

    private Map<String, String> readEnvFile(final Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals > 0) {
                    values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
                } else {
                    String inherited = System.getenv(trimmed);
                    if (inherited != null) {
                        values.put(trimmed, inherited);
                    }
                }
            }
        } catch (IOException e) {
            throw new DeploymentException("Cannot read the env file " + file + " of environment "
                    + environment.getName() + " (" + e.getMessage() + "); it is read relative to the workspace.", e);
        }
        return values;
    }

    /** Secrets of the CLI: {@code {env: VAR}} references read from this process's environment. */
    static String fromProcessEnvironment(final SecretReference reference) {
        return reference.getEnvironmentVariable() == null ? null : System.getenv(reference.getEnvironmentVariable());
    }

}
