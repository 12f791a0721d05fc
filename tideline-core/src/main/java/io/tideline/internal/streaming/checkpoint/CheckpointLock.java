package io.tideline.internal.streaming.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive claim of a running query on its checkpoint, so that a second query started on the
 * same checkpoint fails fast with a message naming the holder, instead of both writing the same
 * offsets and state (Spark only detects this later, when the second writer of a batch loses).
 *
 * <p>Protocol:
 *
 * <ol>
 *   <li>Within this JVM, a registry of held checkpoints (by real path) answers first. This is not
 *       only faster: on POSIX, record locks belong to the process, and closing any channel on the
 *       file would release the lock another query of this JVM holds, so a second attempt must never
 *       open the file at all.
 *   <li>Across processes, an OS file lock on {@code <checkpoint>/.lock}, taken with {@link
 *       FileChannel#tryLock} and never waited for. The lock covers one byte far past the end of the
 *       file, not the content, so a refused process can still read who holds it (Windows forbids
 *       reading locked ranges).
 *   <li>The holder writes its query id, run id, process and start time into the file, for the
 *       refusal message.
 * </ol>
 *
 * <p>Release: {@link #close()} when the query stops; the OS drops the lock when the JVM exits,
 * however it exits, so a crashed query never leaves a stale lock. The file is never deleted:
 * deleting it would let a third process lock a new file while a second still holds the old one.
 *
 * <p>File format of {@code .lock} (informational only; the OS lock is the truth):
 *
 * <pre>
 * v1
 * {"queryId":"...","runId":"...","process":"pid 4242 on host-a","since":"2026-11-25T21:40:00Z"}
 * </pre>
 *
 * <p>Lock files on network file systems are only as reliable as the file system's locking.
 */
public final class CheckpointLock implements AutoCloseable {

  /** The lock file's name under the checkpoint. */
  public static final String FILE_NAME = ".lock";

  private static final int VERSION = 1;
  private static final long LOCK_POSITION = Long.MAX_VALUE - 1;
  private static final Map<Path, Holder> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

  /** Who holds a checkpoint: ids, process and start time, as text for messages. */
  record Holder(String queryId, String runId, String process, String since) {
    static final Holder UNKNOWN = new Holder("unknown", "unknown", "an unknown process", "unknown");

    String json() {
      ObjectNode node = CheckpointJson.MAPPER.createObjectNode();
      node.put("queryId", queryId);
      node.put("runId", runId);
      node.put("process", process);
      node.put("since", since);
      return node.toString();
    }
  }

  private final Path checkpoint;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean released;

  private CheckpointLock(Path checkpoint, Path key, FileChannel channel, FileLock lock) {
    this.checkpoint = checkpoint;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the checkpoint for a query run, creating the checkpoint folder if needed.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code CHECKPOINT_IN_USE} at once if
   *     another query (in this JVM or another process) holds it
   */
  public static CheckpointLock acquire(Path checkpoint, UUID queryId, UUID runId) {
    Path key;
    try {
      Files.createDirectories(checkpoint);
      key = checkpoint.toRealPath();
    } catch (IOException e) {
      throw CheckpointErrors.writeFailed(checkpoint, e);
    }
    Holder me =
        new Holder(
            queryId.toString(), runId.toString(), describeProcess(), Instant.now().toString());
    Holder existing = HELD_IN_THIS_JVM.putIfAbsent(key, me);
    if (existing != null) {
      throw CheckpointErrors.checkpointInUse(checkpoint, queryId, existing);
    }
    Path file = key.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        Holder other = readHolder(channel);
        channel.close();
        HELD_IN_THIS_JVM.remove(key, me);
        throw CheckpointErrors.checkpointInUse(checkpoint, queryId, other);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(("v" + VERSION + "\n" + me.json()).getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new CheckpointLock(checkpoint, key, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      HELD_IN_THIS_JVM.remove(key, me);
      throw CheckpointErrors.writeFailed(file, e);
    }
  }

  /** The checkpoint this lock holds. */
  public Path checkpoint() {
    return checkpoint;
  }

  /** Whether this lock is still held. */
  public synchronized boolean isHeld() {
    return !released && lock.isValid();
  }

  /** Releases the checkpoint; idempotent. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel below releases the lock too.
    } finally {
      closeQuietly(channel);
      HELD_IN_THIS_JVM.remove(key);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock(LOCK_POSITION, 1, false);
    } catch (OverlappingFileLockException e) {
      // Only reachable if code outside this class locked the file in this JVM.
      return null;
    }
  }

  private static Holder readHolder(FileChannel channel) {
    try {
      long size = Math.min(channel.size(), 64 * 1024);
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      int read;
      do {
        read = channel.read(buffer, buffer.position());
      } while (read > 0 && buffer.hasRemaining());
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      int newline = text.indexOf('\n');
      if (newline < 0) {
        return Holder.UNKNOWN;
      }
      JsonNode node = CheckpointJson.MAPPER.readTree(text.substring(newline + 1));
      return new Holder(
          node.path("queryId").asText("unknown"),
          node.path("runId").asText("unknown"),
          node.path("process").asText("an unknown process"),
          node.path("since").asText("unknown"));
    } catch (IOException | RuntimeException e) {
      // The holder may be writing its details right now; the refusal matters, not the details.
      return Holder.UNKNOWN;
    }
  }

  private static String describeProcess() {
    String host = System.getenv("HOSTNAME");
    long pid = ProcessHandle.current().pid();
    return host == null || host.isBlank() ? "pid " + pid : "pid " + pid + " on " + host;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more to release.
      }
    }
  }
}
