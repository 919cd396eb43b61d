package io.resetflow.auth;

/**
 * Where {@link EndedSignIns} keeps the ids of sign-ins that were signed out, each for a set lifetime: this node's
 * memory ({@link NodeSignOuts}), or a store every node shares ({@code payara/GridSignOuts}, Payara's data grid).
 */
public interface SignOutStore {

    /** Records this sign-in id as ended, for the store's lifetime. */
    void add(String signInId);

    /** Whether this sign-in id was recorded and its record has not yet expired. */
    boolean contains(String signInId);
}
