/** What a child process the engine starts (a command check, chromedriver) inherits from the environment. */
package io.releaseledger.process;
