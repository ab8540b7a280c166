package jenkins.scm.api;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ExtensionPoint;
import hudson.model.Item;
import org.kohsuke.stapler.export.ExportedBean;

@ExportedBean
public class SCMHead {
    public abstract static class HeadByItem implements ExtensionPoint {
        @CheckForNull
        public static SCMHead findHead(Item item) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
