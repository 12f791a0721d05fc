package io.tideline.internal.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingFoldersTest {
  @TempDir Path base;

  @Test
  void sweep_deletesFoldersOfGoneJvms_keepsLockedAndUnlockedOnesAndItsOwn() throws Exception {
    Path own = Files.createDirectories(base.resolve("own"));
    Path stale = Files.createDirectories(base.resolve("stale").resolve("0-1-x"));
    Files.writeString(stale.getParent().resolve(WorkingFolders.LOCK_FILE), "");
    Files.writeString(stale.resolve("000001.sst"), "data");
    Path beingMade = Files.createDirectories(base.resolve("being-made"));
    Path live = Files.createDirectories(base.resolve("live"));
    try (FileChannel channel =
            FileChannel.open(
                live.resolve(WorkingFolders.LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      WorkingFolders.sweep(base, own);
    }
    assertThat(base.resolve("stale")).doesNotExist();
    assertThat(own).isDirectory();
    assertThat(beingMade).isDirectory();
    assertThat(live).isDirectory();
  }
}
