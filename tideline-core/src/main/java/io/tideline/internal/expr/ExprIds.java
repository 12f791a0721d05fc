package io.tideline.internal.expr;

import java.util.concurrent.atomic.AtomicLong;

/** Allocates the ids that tell apart columns of the same name within a session's plans. */
public final class ExprIds {
  private static final AtomicLong NEXT = new AtomicLong(1);

  private ExprIds() {}

  public static long next() {
    return NEXT.getAndIncrement();
  }
}
