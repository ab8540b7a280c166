package hudson.model;

import java.util.List;

public class Queue {
    public interface QueueAction extends Action {
        boolean shouldSchedule(List<Action> actions);
    }

    public abstract static class Item extends Actionable {
    }

    public interface FlyweightTask extends Task {}

    public interface Executable extends Runnable {}

    public interface Task {
    }
}
