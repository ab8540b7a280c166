/** The git port on JGit; the only package that imports JGit, translating its exceptions once. */
package io.releaseledger.git;
