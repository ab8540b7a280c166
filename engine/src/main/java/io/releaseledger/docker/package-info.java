/** The container port: what a deploy asks of a Docker host, free of docker-java types. */
package io.releaseledger.docker;
