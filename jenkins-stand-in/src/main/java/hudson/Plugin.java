package hudson;

public abstract class Plugin {
    public PluginWrapper getWrapper() {
        throw new UnsupportedOperationException("stand-in");
    }
}
