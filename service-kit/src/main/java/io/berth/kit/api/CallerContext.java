package io.berth.kit.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Brings a continuation back to the Vert.x context of the call that began it. An exit waiter completes on whichever
 * thread applied the exit, a wait's timeout fires on a worker thread, and a REST client's failure may come on one; the
 * database work after any of them must run on the call's own event loop (Hibernate Reactive refuses anything else,
 * and a session opened on another loop hangs).
 */
public final class CallerContext {
    private CallerContext() {
    }

    /** An executor that runs tasks on the current Vert.x context, or at once where there is none. */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
