package io.releaseledger.loadbalancer;

import io.releaseledger.ReleaseLedgerException;

/**
 * A load balancer operation failed. The message names the backend and server concerned and says how to fix it
 * ("backend 'web' has no server 'web3'; servers are web1, web2").
 */
public class LoadBalancerException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public LoadBalancerException(final String message) {
        super(message);
    }

    public LoadBalancerException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
