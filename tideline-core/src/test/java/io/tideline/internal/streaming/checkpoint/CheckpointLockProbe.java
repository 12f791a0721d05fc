package io.tideline.internal.streaming.checkpoint;

import io.tideline.internal.errors.TidelineException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A tiny program that tries to take a checkpoint lock in its own JVM, for the cross-process tests
 * of {@link CheckpointLockTest}. Prints {@code ACQUIRED} or {@code REFUSED <holderQueryId>
 * <holderRunId>}. With {@code hold}, keeps the lock until its standard input closes.
 *
 * <p>Arguments: checkpoint, queryId, runId, {@code try} or {@code hold}.
 */
public final class CheckpointLockProbe {

  private CheckpointLockProbe() {}

  public static void main(String[] args) throws IOException {
    Path checkpoint = Path.of(args[0]);
    UUID queryId = UUID.fromString(args[1]);
    UUID runId = UUID.fromString(args[2]);
    boolean hold = args[3].equals("hold");
    CheckpointLock lock;
    try {
      lock = CheckpointLock.acquire(checkpoint, queryId, runId);
    } catch (TidelineException e) {
      System.out.println(
          "REFUSED "
              + e.parameters().get("holderQueryId")
              + " "
              + e.parameters().get("holderRunId"));
      System.out.flush();
      return;
    }
    System.out.println("ACQUIRED");
    System.out.flush();
    if (hold) {
      // Exits without releasing: the OS must drop the lock with the process.
      while (System.in.read() >= 0) {
        // Wait for the parent to close our input.
      }
      Runtime.getRuntime().halt(0);
    }
    lock.close();
  }
}
