package io.releaseledger.registry;

/** The registry has no such repository, or no such tag or digest in it. */
public class ImageNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public ImageNotFoundException(final String message) {
        super(message);
    }
}
