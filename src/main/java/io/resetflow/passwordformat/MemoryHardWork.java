package io.resetflow.passwordformat;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most one memory-hard computation (Argon2, scrypt) per processor at a time. Each holds its whole memory cost
 * on the heap for its duration, and more at once than there are processors would only share them: so the memory
 * hashing can take is bounded (processors × the largest memory cost), whatever the number of sign-ins in progress.
 * Fair: first come, first computed, the same wait for every kind of attempt.
 */
final class MemoryHardWork {

    private static final Semaphore COMPUTING = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    private MemoryHardWork() {
    }

    static byte[] run(Supplier<byte[]> computation) {
        COMPUTING.acquireUninterruptibly();
        try {
            return computation.get();
        } finally {
            COMPUTING.release();
        }
    }
}
