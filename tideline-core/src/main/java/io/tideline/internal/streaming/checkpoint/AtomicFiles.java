package io.tideline.internal.streaming.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Creates checkpoint files atomically and without overwriting: readers see either no file or the
 * whole file, and of two writers racing for one name exactly one wins.
 *
 * <p>Protocol: write the content to a hidden temporary file {@code .<name>.<uuid>.tmp} in the same
 * directory, optionally force it to disk, then publish it under the final name with a hard link,
 * which the file system refuses when the name exists. A plain rename would not do: on POSIX it
 * silently replaces an existing file, so a second writer would overwrite the first writer's batch.
 * Where hard links are not supported the temporary file is moved without replacement, which leaves
 * a small window between the existence check and the rename; the checkpoint lock closes it in
 * practice.
 */
final class AtomicFiles {

  /** Writes content to an output stream; it may fail midway, leaving no visible file. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Whether a file name is one of our temporary files, which every listing must skip. */
  static boolean isTemporary(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(".tmp");
  }

  /**
   * Creates {@code target} with the given content unless it exists.
   *
   * @return true if this call created the file, false if the file already existed (the existing
   *     file is left untouched)
   * @throws IOException if the content could not be written; then no file is visible
   */
  static boolean createNew(Path target, Content content) throws IOException {
    return createNew(target, content, () -> {}, true);
  }

  /**
   * As {@link #createNew(Path, Content)}, calling {@code beforePublish} once the temporary file is
   * written and before it is published: the seam where the test kit crashes a query mid-rename.
   *
   * @param forceToDisk whether to force the file and its directory entry to the device. Without it
   *     a killed process still leaves either no file or the whole file (the page cache survives the
   *     process); only a power loss or kernel crash can lose a published file.
   */
  static boolean createNew(
      Path target, Content content, Runnable beforePublish, boolean forceToDisk)
      throws IOException {
    if (Files.exists(target)) {
      return false;
    }
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        if (forceToDisk) {
          // Durable before visible: a power loss after publishing must not leave an empty file.
          channel.force(true);
        }
      }
      beforePublish.run();
      boolean created = publish(temp, target);
      if (created && forceToDisk) {
        syncDirectory(dir);
      }
      return created;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException linkNotSupported) {
      try {
        Files.move(temp, target);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
  }

  /** Makes the new directory entry durable; not every platform can open a directory. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot open directories; NTFS journals the rename itself.
    }
  }
}
