package io.releaseledger.docker;

import io.releaseledger.registry.ImageReference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to create: a named container from an image pinned by digest. The name and the image are required;
 * everything else is set with setters that return {@code this}:
 *
 * <pre>{@code
 * ContainerRequest request = new ContainerRequest("shop-web-1", "registry.example.com/shop/web@sha256:…")
 *         .setEnvironment(Map.of("PORT", "8081"))
 *         .setLabels(Map.of("io.releaseledger.application", "shop"))
 *         .setCommand(List.of("httpd", "-f", "-p", "127.0.0.1:8081"))
 *         .setRestartPolicy(RestartPolicy.unlessStopped());
 * }</pre>
 *
 * <p>The network mode is {@code host} unless set; published ports ({@link #setPorts}) need another mode, since
 * with host networking the container binds the host's ports itself.
 */
public final class ContainerRequest {
    /** Docker's network mode in which the container shares the host's network stack. */
    public static final String HOST_NETWORK = "host";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    private final String name;
    private final String image;
    private boolean init;
    private Map<String, String> environment = Map.of();
    private Map<String, String> labels = Map.of();
    private List<String> command = List.of();
    private String networkMode = HOST_NETWORK;
    private Map<Integer, Integer> ports = Map.of();
    private RestartPolicy restartPolicy = RestartPolicy.no();

    /**
     * @param name  the container's name, {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}
     * @param image an image by digest, {@code repository@sha256:…}: a tag could point elsewhere tomorrow
     */
    public ContainerRequest(final String name, final String image) {
        this.name = Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("container name '" + name
                    + "' must match [a-zA-Z0-9][a-zA-Z0-9_.-]* (at most 128 characters)");
        }
        this.image = requireDigest(image);
    }

    /**
     * Checks that {@code image} names an image by digest ({@code repository@sha256:<64 hex>}) and returns it.
     *
     * @throws IllegalArgumentException naming the image and how to pin it
     */
    public static String requireDigest(final String image) {
        Objects.requireNonNull(image, "image");
        ImageReference reference = ImageReference.parse(image);
        if (reference.getDigest().isEmpty()) {
            throw new IllegalArgumentException("image '" + image + "' is not pinned by digest; use repository@sha256:… "
                    + "(resolve the tag with the registry first)");
        }
        return image;
    }

    /** Environment variables, in order; values may be empty, never null. */
    public ContainerRequest setEnvironment(final Map<String, String> environment) {
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(environment, "environment").forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.contains("=") || value == null) {
                throw new IllegalArgumentException("environment variable '" + key + "' of container " + name
                        + " needs a name without '=' and a value");
            }
            copy.put(key, value);
        });
        this.environment = Collections.unmodifiableMap(copy);
        return this;
    }

    public ContainerRequest setLabels(final Map<String, String> labels) {
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(labels, "labels").forEach((key, value) -> {
            if (key == null || key.isEmpty() || value == null) {
                throw new IllegalArgumentException("label '" + key + "' of container " + name + " needs a name and a value");
            }
            copy.put(key, value);
        });
        this.labels = Collections.unmodifiableMap(copy);
        return this;
    }

    /** The command and its arguments; empty: the image's default command. */
    public ContainerRequest setCommand(final List<String> command) {
        this.command = List.copyOf(Objects.requireNonNull(command, "command"));
        return this;
    }

    /** {@code host} (the default), {@code bridge}, {@code none} or the name of a user-defined network. */
    public ContainerRequest setNetworkMode(final String networkMode) {
        if (Objects.requireNonNull(networkMode, "networkMode").isBlank()) {
            throw new IllegalArgumentException("network mode of container " + name + " must not be blank");
        }
        this.networkMode = networkMode;
        return this;
    }

    /** TCP ports to publish, host port to container port; only with a network mode other than {@code host}. */
    public ContainerRequest setPorts(final Map<Integer, Integer> ports) {
        Map<Integer, Integer> copy = new LinkedHashMap<>();
        Objects.requireNonNull(ports, "ports").forEach((hostPort, containerPort) -> {
            if (hostPort == null || containerPort == null || hostPort < 1 || hostPort > 65535
                    || containerPort < 1 || containerPort > 65535) {
                throw new IllegalArgumentException("port mapping " + hostPort + " -> " + containerPort
                        + " of container " + name + " needs ports in 1..65535");
            }
            copy.put(hostPort, containerPort);
        });
        this.ports = Collections.unmodifiableMap(copy);
        return this;
    }

    public ContainerRequest setRestartPolicy(final RestartPolicy restartPolicy) {
        this.restartPolicy = Objects.requireNonNull(restartPolicy, "restartPolicy");
        return this;
    }

    /** Runs Docker's init as PID 1 ({@code --init}): it forwards signals to the command and reaps zombies. */
    public ContainerRequest setInit(final boolean init) {
        this.init = init;
        return this;
    }

    public boolean isInit() {
        return init;
    }

    /**
     * Checks the combination of settings; the engine calls it before it creates anything.
     *
     * @throws IllegalArgumentException when ports are published with host networking
     */
    public void validate() {
        if (HOST_NETWORK.equals(networkMode) && !ports.isEmpty()) {
            throw new IllegalArgumentException("container " + name + " uses host networking and publishes ports "
                    + ports + "; with host networking the process binds the host's port itself, so drop the ports "
                    + "or choose another network mode");
        }
    }

    public String getName() {
        return name;
    }

    public String getImage() {
        return image;
    }

    public Map<String, String> getEnvironment() {
        return environment;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public List<String> getCommand() {
        return command;
    }

    public String getNetworkMode() {
        return networkMode;
    }

    public Map<Integer, Integer> getPorts() {
        return ports;
    }

    public RestartPolicy getRestartPolicy() {
        return restartPolicy;
    }

    /** The environment as Docker wants it: {@code NAME=value}. */
    public List<String> getEnvironmentEntries() {
        List<String> entries = new ArrayList<>();
        environment.forEach((key, value) -> entries.add(key + "=" + value));
        return entries;
    }

    /** Name and image only: environment values may be secrets. */
    @Override
    public String toString() {
        return "container " + name + " from " + image;
    }
}
