/** The Docker Swarm port: what a rollout asks of a swarm manager (services and their tasks), without docker-java. */
package io.releaseledger.swarm;
