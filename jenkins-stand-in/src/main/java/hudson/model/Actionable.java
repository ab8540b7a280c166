package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.kohsuke.stapler.export.ExportedBean;

@ExportedBean
public abstract class Actionable {
    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean addOrReplaceAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }
}
