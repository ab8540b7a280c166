/** The load-balancer port: drain, ready and the state of each server. */
package io.releaseledger.loadbalancer;
