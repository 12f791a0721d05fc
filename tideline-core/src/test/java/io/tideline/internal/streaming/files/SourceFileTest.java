package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileTest {

  @TempDir Path dir;

  @Test
  void listFolder_listsDataFilesWithSizeAndTime_skippingHiddenFilesAndFolders() throws IOException {
    Path data = Files.writeString(dir.resolve("a.json"), "{\"x\":1}");
    Files.setLastModifiedTime(data, FileTime.fromMillis(1_700_000_000_000L));
    Files.writeString(dir.resolve(".a.json.crc"), "x");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Files.writeString(dir.resolve("b.json._COPYING_"), "x");
    Files.createDirectories(dir.resolve("_spark_metadata"));
    Files.createDirectories(dir.resolve("sub"));

    assertThat(SourceFile.listFolder(dir))
        .containsExactly(new SourceFile(data.toUri().toString(), 7, 1_700_000_000_000L));
  }

  @Test
  void listFolder_missingFolder_isEmpty() throws IOException {
    assertThat(SourceFile.listFolder(dir.resolve("missing"))).isEmpty();
  }
}
