/** In-memory fakes of the container-engine and load-balancer ports that count every call and can fail any one. */
package io.releaseledger.testing.fakes;
