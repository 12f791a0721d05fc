package io.tideline.internal.state.rocksdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local folder of this JVM's RocksDB working copies, {@code
 * <java.io.tmpdir>/tideline-rocksdb/<uuid>}, and the cleanup of folders that crashed JVMs left
 * behind (their working copies can be as large as their state). Each JVM holds a file lock in its
 * folder while it runs; the first use in a JVM deletes every sibling folder whose lock it can take,
 * since their owner is gone.
 */
final class WorkingFolders {
  private static final Logger LOG = LoggerFactory.getLogger(WorkingFolders.class);
  static final String LOCK_FILE = ".owner.lock";

  private static Path jvmRoot;

  /** Held for the JVM's lifetime; the operating system releases it when the process dies. */
  @SuppressWarnings("unused")
  private static FileLock ownerLock;

  private WorkingFolders() {}

  /** This JVM's folder, made (and stale siblings swept) on first use. */
  static synchronized Path jvmRoot() {
    if (jvmRoot == null) {
      Path base = Path.of(System.getProperty("java.io.tmpdir"), "tideline-rocksdb");
      Path root = base.resolve(UUID.randomUUID().toString());
      try {
        Files.createDirectories(root);
        FileChannel channel =
            FileChannel.open(
                root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ownerLock = channel.lock();
      } catch (IOException e) {
        // Without a lock the folder is still usable; a later JVM may just not sweep it.
        LOG.warn("Could not lock the RocksDB working folder {}: {}", root, e.toString());
      }
      jvmRoot = root;
      sweep(base, root);
    }
    return jvmRoot;
  }

  /** Deletes the folders under {@code base}, other than {@code own}, whose owner JVM is gone. */
  static void sweep(Path base, Path own) {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(base)) {
      for (Path folder : folders) {
        if (!folder.equals(own) && Files.isDirectory(folder) && ownerIsGone(folder)) {
          deleteTree(folder);
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not sweep stale RocksDB working folders in {}: {}", base, e.toString());
    }
  }

  private static boolean ownerIsGone(Path folder) {
    Path lock = folder.resolve(LOCK_FILE);
    if (!Files.exists(lock)) {
      // A folder still being made by another JVM has no lock yet; leave it.
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
        FileLock taken = channel.tryLock()) {
      return taken != null;
    } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
      return false;
    }
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.warn("Could not delete RocksDB working folder {}: {}", root, e.toString());
    }
  }
}
