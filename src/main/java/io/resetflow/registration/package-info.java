/**
 * Creating an account: the address is confirmed by a mailed link before the account exists, every address
 * gets the same answer, and the owner of a taken one a notice instead. Owns its tokens and their purge.
 */
package io.resetflow.registration;
