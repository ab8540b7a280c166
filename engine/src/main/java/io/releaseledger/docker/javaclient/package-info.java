/** The container port on docker-java; the only package that imports it, translating its exceptions once. */
package io.releaseledger.docker.javaclient;
