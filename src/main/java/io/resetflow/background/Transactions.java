package io.resetflow.background;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Runs a piece of background work in a transaction of its own. A call through this bean's proxy is what
 * starts the container's transaction, so work handed to an executor can be transactional without its
 * service calling itself (which would bypass the interceptor).
 */
@ApplicationScoped
public class Transactions {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void run(Runnable work) {
        work.run();
    }
}
