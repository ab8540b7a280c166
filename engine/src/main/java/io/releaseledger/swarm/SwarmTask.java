package io.releaseledger.swarm;

/** One task of a service: its slot, the image it was created with, its state, and its container. */
public final class SwarmTask {
    private final String id;
    private final int slot;
    private final String image;
    private final String state;
    private final String desiredState;
    private final String containerId;
    private final String message;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public SwarmTask(final String id, final int slot, final String image, final String state,
            final String desiredState, final String containerId, final String message) {
        this.id = id;
        this.slot = slot;
        this.image = image;
        this.state = state;
        this.desiredState = desiredState;
        this.containerId = containerId;
        this.message = message;
    }

    public String getId() {
        return id;
    }

    /** The replica's slot, from 1. */
    public int getSlot() {
        return slot;
    }

    public String getImage() {
        return image;
    }

    /** Swarm's task state in lower case: {@code running}, {@code failed}, {@code shutdown}, … */
    public String getState() {
        return state;
    }

    public String getDesiredState() {
        return desiredState;
    }

    /** Whether it runs and Swarm wants it to. */
    public boolean isRunning() {
        return "running".equals(state) && "running".equals(desiredState);
    }

    /** The task's container, {@code null} before it has one. */
    public String getContainerId() {
        return containerId;
    }

    /** Swarm's last word on the task (an error when it failed), {@code null} when none. */
    public String getMessage() {
        return message;
    }

    @Override
    public String toString() {
        return "slot " + slot + " " + state + (message == null || message.isEmpty() ? "" : " (" + message + ")");
    }
}
