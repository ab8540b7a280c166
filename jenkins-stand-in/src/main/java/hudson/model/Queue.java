package hudson.model;

public class Queue {
    public interface FlyweightTask extends Task {}

    public interface Executable extends Runnable {}

    public interface Task {
    }
}
