/** The git port the versioning talks to, with its data classes and its exception. */
package io.releaseledger.scm;
