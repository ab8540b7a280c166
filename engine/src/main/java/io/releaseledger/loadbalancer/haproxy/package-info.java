/** The load-balancer port on HAProxy's runtime API. */
package io.releaseledger.loadbalancer.haproxy;
