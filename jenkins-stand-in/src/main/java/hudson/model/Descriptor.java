package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz;

    protected Descriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("stand-in");
    }

    public T newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getId() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static final class FormException extends Exception {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
