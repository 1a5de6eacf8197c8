package io.berth.container.service;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Brings a continuation back to the Vert.x context of the call that began it. An exit waiter completes on whichever
 * thread applied the exit, and a wait's timeout fires on a worker thread; the database work after either must run on
 * the call's own event loop (Hibernate Reactive refuses anything else, and a session opened on another loop hangs).
 */
final class CallerContext {
    private CallerContext() {
    }

    /** An executor that runs tasks on the current Vert.x context, or at once where there is none. */
    static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
