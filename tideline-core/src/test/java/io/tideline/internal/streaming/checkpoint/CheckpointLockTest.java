package io.tideline.internal.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLockTest {

  @TempDir Path dir;

  private final UUID queryA = UUID.fromString("11111111-1111-1111-1111-111111111111");
  private final UUID runA = UUID.fromString("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");
  private final UUID queryB = UUID.fromString("22222222-2222-2222-2222-222222222222");
  private final UUID runB = UUID.fromString("bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb");

  @Test
  void acquire_secondAttemptInSameJvm_failsFastNamingCheckpointAndHolder() {
    Path checkpoint = dir.resolve("cp");
    try (CheckpointLock held = CheckpointLock.acquire(checkpoint, queryA, runA)) {
      assertThat(held.isHeld()).isTrue();

      assertThatThrownBy(() -> CheckpointLock.acquire(checkpoint, queryB, runB))
          .isInstanceOfSatisfying(
              TidelineException.class,
              e -> {
                assertThat(e.getCondition()).isEqualTo("CHECKPOINT_IN_USE");
                assertThat(e.parameters())
                    .containsEntry("checkpoint", checkpoint.toString())
                    .containsEntry("queryId", queryB.toString())
                    .containsEntry("holderQueryId", queryA.toString())
                    .containsEntry("holderRunId", runA.toString());
                assertThat(e.getMessage())
                    .contains(checkpoint.toString())
                    .contains(queryA.toString())
                    .contains(runA.toString())
                    .contains("Stop the other query first");
              });
    }
  }

  @Test
  void acquire_sameCheckpointThroughAnotherPath_isRefused() throws IOException {
    Path checkpoint = dir.resolve("cp");
    Files.createDirectories(checkpoint);
    Files.createDirectories(dir.resolve("other"));
    try (CheckpointLock held = CheckpointLock.acquire(checkpoint, queryA, runA)) {
      Path samePlace = dir.resolve("other").resolve("..").resolve("cp");
      assertThat(held.checkpoint()).isEqualTo(checkpoint);

      assertThatThrownBy(() -> CheckpointLock.acquire(samePlace, queryB, runB))
          .isInstanceOfSatisfying(
              TidelineException.class,
              e -> assertThat(e.getCondition()).isEqualTo("CHECKPOINT_IN_USE"));
    }
  }

  @Test
  void close_releasesSoTheNextRunCanStart() {
    Path checkpoint = dir.resolve("cp");
    CheckpointLock first = CheckpointLock.acquire(checkpoint, queryA, runA);
    first.close();
    first.close();

    assertThat(first.isHeld()).isFalse();
    try (CheckpointLock second = CheckpointLock.acquire(checkpoint, queryA, runB)) {
      assertThat(second.isHeld()).isTrue();
    }
  }

  @Test
  void acquire_writesTheHolderIntoTheLockFile() throws IOException {
    Path checkpoint = dir.resolve("cp");
    try (CheckpointLock held = CheckpointLock.acquire(checkpoint, queryA, runA)) {
      String content = Files.readString(held.checkpoint().resolve(CheckpointLock.FILE_NAME));

      assertThat(content).startsWith("v1\n").contains(queryA.toString()).contains(runA.toString());
    }
  }

  @Test
  void acquire_heldByAnotherProcess_failsFastAndSucceedsOnceThatProcessExits() throws Exception {
    Path checkpoint = dir.resolve("cp");
    Process holder = startProbe(checkpoint, queryB, runB, "hold");
    try {
      assertThat(readLine(holder)).isEqualTo("ACQUIRED");

      long startNanos = System.nanoTime();
      assertThatThrownBy(() -> CheckpointLock.acquire(checkpoint, queryA, runA))
          .isInstanceOfSatisfying(
              TidelineException.class,
              e -> {
                assertThat(e.getCondition()).isEqualTo("CHECKPOINT_IN_USE");
                assertThat(e.parameters())
                    .containsEntry("holderQueryId", queryB.toString())
                    .containsEntry("holderRunId", runB.toString());
                assertThat(e.parameters().get("holderProcess")).contains("pid " + holder.pid());
              });
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos))
          .as("fails fast, does not wait for the lock")
          .isLessThan(5);
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (CheckpointLock mine = CheckpointLock.acquire(checkpoint, queryA, runA)) {
      assertThat(mine.isHeld()).isTrue();
    }
  }

  @Test
  void acquire_refusedInThisJvm_keepsTheLockAgainstOtherProcesses() throws Exception {
    Path checkpoint = dir.resolve("cp");
    try (CheckpointLock held = CheckpointLock.acquire(checkpoint, queryA, runA)) {
      assertThatThrownBy(() -> CheckpointLock.acquire(checkpoint, queryB, runB))
          .isInstanceOf(TidelineException.class);
      assertThat(held.isHeld()).isTrue();

      Process other = startProbe(checkpoint, queryB, runB, "try");
      try {
        assertThat(readLine(other)).isEqualTo("REFUSED " + queryA + " " + runA);
      } finally {
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  private static Process startProbe(Path checkpoint, UUID queryId, UUID runId, String mode)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            CheckpointLockProbe.class.getName(),
            checkpoint.toString(),
            queryId.toString(),
            runId.toString(),
            mode)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static String readLine(Process process) throws Exception {
    BufferedReader out = process.inputReader();
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .get(30, TimeUnit.SECONDS);
  }
}
