package io.tideline.internal.streaming;

/** The wall clock: {@link System#currentTimeMillis()}. */
public final class SystemClock implements Clock {

  /** The longest single sleep, so a wall-clock jump delays a trigger by at most this much. */
  private static final long MAX_SLEEP_MS = 100;

  @Override
  public long nowMs() {
    return System.currentTimeMillis();
  }

  @Override
  public long waitTill(long targetMs) throws InterruptedException {
    long now = nowMs();
    while (now < targetMs) {
      Thread.sleep(Math.min(targetMs - now, MAX_SLEEP_MS));
      now = nowMs();
    }
    return now;
  }
}
