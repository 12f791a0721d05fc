package io.tideline.internal.streaming.sources.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.streaming.files.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceListingTest {
  @TempDir Path dir;

  private List<String> names(FileSourceListing listing) {
    return listing.list().stream()
        .map(SourceFile::path)
        .map(p -> p.substring(p.lastIndexOf('/') + 1))
        .sorted()
        .toList();
  }

  @Test
  void pathGlobFilter_keepsMatchingFileNamesAtAnyDepth() throws IOException {
    Files.writeString(dir.resolve("a.json"), "{}");
    Files.writeString(dir.resolve("notes.txt"), "x");
    Files.createDirectories(dir.resolve("sub.txt"));
    Files.writeString(dir.resolve("sub.txt/c.json"), "{}");
    Files.writeString(dir.resolve("_hidden.json"), "{}");

    assertThat(names(new FileSourceListing(dir, Optional.of("*.json"))))
        .containsExactly("a.json", "c.json");
    assertThat(names(new FileSourceListing(dir, Optional.empty())))
        .containsExactly("a.json", "c.json", "notes.txt");
  }
}
