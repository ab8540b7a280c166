package io.releaseledger.testing.fakes;

import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.registry.RegistryCredentials;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory Docker host: containers by name, local images, and a registry of the digests that can be pulled. A
 * container of an image in {@code crashing} exits as soon as it starts. Every call goes through {@link Faults}.
 */
public final class FakeContainerEngine implements ContainerEngine {
    private final String name;
    private final Faults faults;
    private final Set<String> registry;
    private final Set<String> crashing;
    private final Set<String> images = new LinkedHashSet<>();
    /** Images whose containers ignore SIGTERM: a stop takes the whole timeout, then Docker kills them. */
    private final Set<String> ignoringSigterm = new LinkedHashSet<>();
    private final Map<String, Container> containers = new LinkedHashMap<>();
    /** The images containers were created from by tag, by image id: the manifest digests each was pulled as. */
    private final Map<String, List<String>> repoDigests = new LinkedHashMap<>();
    private int ids;

    /**
     * @param registry the images ({@code repository@sha256:…}) a pull finds
     * @param crashing the images whose containers exit at once
     */
    public FakeContainerEngine(final String name, final Faults faults, final Set<String> registry, final Set<String> crashing) {
        this.name = name;
        this.faults = faults;
        this.registry = registry;
        this.crashing = crashing;
    }

    /** Makes containers of {@code image} ignore SIGTERM: a stop takes the whole timeout, then Docker kills them. */
    public synchronized FakeContainerEngine ignoreSigterm(final String image) {
        ignoringSigterm.add(image);
        return this;
    }

    /** A container that runs {@code image} as a deploy would have left it: the start of a test's world. */
    public synchronized void run(final ContainerRequest request) {
        images.add(request.getImage());
        Container container = new Container("id-" + name + "-" + ++ids, request);
        container.running = true;
        containers.put(request.getName(), container);
    }

    /**
     * Makes a container look as {@code docker run repository:tag} leaves it: its image is the tag, its image id that
     * of the local image the tag names, which was pulled as {@code pulledAs} ({@code repository@sha256:…}).
     */
    public synchronized void createdFromTag(final String container, final String tag, final List<String> pulledAs) {
        find(container).tag = tag;
        repoDigests.put(imageId(tag), List.copyOf(pulledAs));
    }

    /** The fake image id of the local image a tag names. */
    static String imageId(final String tag) {
        return "sha256:" + String.format("%064x", tag.hashCode() & 0xffffffffL);
    }

    /** The container of this name, {@code null} when there is none; never fails, counts no call. */
    public synchronized ContainerState peek(final String container) {
        Container found = containers.get(container);
        return found == null ? null : found.state();
    }

    private void call(final String what) {
        faults.call(name + " " + what, ContainerEngineException::new);
    }

    @Override
    public DockerHost getHost() {
        return DockerHost.tcp("127.0.0.1", 2375);
    }

    @Override
    public synchronized String ping() {
        call("ping");
        return "fake";
    }

    @Override
    public synchronized void pull(final String imageByDigest, final RegistryCredentials credentials) {
        call("pull " + imageByDigest);
        if (!registry.contains(imageByDigest)) {
            throw new ContainerEngineException("pull " + imageByDigest + " on " + name + ": manifest unknown");
        }
        images.add(imageByDigest);
    }

    @Override
    public synchronized boolean hasImage(final String image) {
        call("hasImage " + image);
        return images.contains(image);
    }

    @Override
    public synchronized List<String> repoDigests(final String image) {
        call("repoDigests " + image);
        List<String> found = repoDigests.get(image);
        if (found == null) {
            throw new ContainerEngineException("inspect image " + image + " on " + name + ": no such image");
        }
        return found;
    }

    @Override
    public synchronized String create(final ContainerRequest request) {
        call("create " + request.getName());
        if (!images.contains(request.getImage())) {
            throw new ContainerEngineException("create " + request.getName() + " on " + name + ": no such image");
        }
        if (containers.containsKey(request.getName())) {
            throw new ContainerEngineException("create " + request.getName() + " on " + name + ": name in use");
        }
        Container container = new Container("id-" + name + "-" + ++ids, request);
        containers.put(request.getName(), container);
        return container.id;
    }

    @Override
    public synchronized void start(final String container) {
        call("start " + container);
        Container found = find(container);
        found.running = !crashing.contains(found.request.getImage());
        found.exited = !found.running;
    }

    @Override
    public synchronized ContainerState inspect(final String container) {
        call("inspect " + container);
        return find(container).state();
    }

    @Override
    public synchronized void stop(final String container, final Duration timeout) {
        call("stop " + container);
        Container found = find(container);
        if (found.running && ignoringSigterm.contains(found.request.getImage())) {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        found.exited = found.exited || found.running;
        found.running = false;
    }

    @Override
    public synchronized void remove(final String container) {
        call("remove " + container);
        containers.values().removeIf(c -> c.id.equals(container) || c.request.getName().equals(container));
    }

    @Override
    public synchronized List<ContainerSummary> findByLabels(final Map<String, String> labels) {
        call("findByLabels");
        List<ContainerSummary> found = new ArrayList<>();
        for (Container container : containers.values()) {
            Map<String, String> own = container.request.getLabels();
            if (labels.entrySet().stream().allMatch(e -> own.containsKey(e.getKey())
                    && (e.getValue().isEmpty() || e.getValue().equals(own.get(e.getKey()))))) {
                found.add(new ContainerSummary(container.id, container.request.getName(), container.request.getImage(),
                        "sha256:local", container.running ? "running" : "exited", "", own));
            }
        }
        return found;
    }

    @Override
    public synchronized String logs(final String container, final int lines) {
        call("logs " + container);
        return "";
    }

    @Override
    public void close() {
        // nothing held
    }

    private Container find(final String container) {
        for (Container c : containers.values()) {
            if (c.id.equals(container) || c.request.getName().equals(container)) {
                return c;
            }
        }
        throw new ContainerEngineException("no such container " + container + " on " + name);
    }

    /** One container: what it was created from, and whether it runs. */
    private static final class Container {
        private final String id;
        private final ContainerRequest request;
        private boolean running;
        private boolean exited;
        private String tag;

        Container(final String id, final ContainerRequest request) {
            this.id = id;
            this.request = request;
        }

        ContainerState state() {
            String status = running ? "running" : exited ? "exited" : "created";
            return new ContainerState(id, request.getName(), status, running, false, exited ? 1 : null, null, null,
                    0, tag == null ? request.getImage() : tag, tag == null ? "sha256:local" : imageId(tag),
                    request.getLabels(), Instant.EPOCH, null);
        }
    }
}
