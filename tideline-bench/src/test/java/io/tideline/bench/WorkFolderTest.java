package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFolderTest {
  @Test
  void deleteRecursively_removesTheWholeTree(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("work");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/f.json"), "{}");
    Files.writeString(root.resolve("g"), "x");

    WorkFolder.deleteRecursively(root);

    assertThat(root).doesNotExist();
  }

  @Test
  void close_deletesTheFolderAndWhatWasWrittenIntoIt() throws Exception {
    Path path;
    try (WorkFolder work = WorkFolder.create("test")) {
      path = work.path();
      assertThat(path.getFileName().toString()).startsWith("tideline-test-bench-");
      Files.writeString(path.resolve("inputs.json"), "{}");
    }

    assertThat(path).doesNotExist();
  }
}
