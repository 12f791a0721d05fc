package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileCleanerTest {

  @TempDir Path root;

  private SourceFileCleaner cleaner(Map<String, String> options, Path source) {
    return SourceFileCleaner.create(FileStreamSourceOptions.fromMap(options), source).orElseThrow();
  }

  private FileEntry entry(Path file) {
    return new FileEntry(FilePaths.toUri(file), 1, 0);
  }

  @Test
  void clean_archive_movesFilesUnderTheArchiveDirKeepingTheirFullPath() throws IOException {
    Path source = Files.createDirectories(root.resolve("in"));
    Path a = Files.writeString(source.resolve("a.json"), "{}");
    Path archive = root.resolve("archive");
    SourceFileCleaner cleaner =
        cleaner(Map.of("cleanSource", "archive", "sourceArchiveDir", archive.toString()), source);

    SourceFileCleaner.Result result = cleaner.clean(List.of(entry(a)));

    Path expected = archive.resolve(root.getRoot().relativize(a.toAbsolutePath()).toString());
    assertThat(result.cleaned()).containsExactly(a);
    assertThat(result.failures()).isEmpty();
    assertThat(a).doesNotExist();
    assertThat(expected).hasContent("{}");
    assertThat(expected).startsWith(archive).endsWith(Path.of("in", "a.json"));
  }

  @Test
  void clean_delete_deletesTheFiles_andReportsFailuresWithoutThrowing() throws IOException {
    Path source = Files.createDirectories(root.resolve("in"));
    Path a = Files.writeString(source.resolve("a.json"), "{}");
    Path missing = source.resolve("gone.json");
    SourceFileCleaner cleaner = cleaner(Map.of("cleanSource", "delete"), source);

    SourceFileCleaner.Result result = cleaner.clean(List.of(entry(a), entry(missing)));

    assertThat(a).doesNotExist();
    assertThat(result.cleaned()).containsExactly(a);
    assertThat(result.failures())
        .extracting(SourceFileCleaner.Failure::file)
        .containsExactly(missing);
  }

  @Test
  void clean_archiveTargetExists_keepsBothFilesAndReportsTheFailure() throws IOException {
    Path source = Files.createDirectories(root.resolve("in"));
    Path a = Files.writeString(source.resolve("a.json"), "new");
    Path archive = root.resolve("archive");
    SourceFileCleaner cleaner =
        cleaner(Map.of("cleanSource", "archive", "sourceArchiveDir", archive.toString()), source);
    Path target = cleaner.archiveTarget(a);
    Files.createDirectories(target.getParent());
    Files.writeString(target, "old");

    SourceFileCleaner.Result result = cleaner.clean(List.of(entry(a)));

    assertThat(result.failures()).hasSize(1);
    assertThat(a).hasContent("new");
    assertThat(target).hasContent("old");
  }

  @Test
  void create_archiveDirInsideTheSourceFolder_isRefused() {
    Path source = root.resolve("in");
    assertRefused(source, source.resolve("archive"));
    assertRefused(source, source);
    // An ancestor of the source matches it over the shorter depth too, as in Spark.
    assertRefused(source, root);
  }

  @Test
  void create_archiveDirMatchingASourceGlob_isRefused() {
    assertRefused(root.resolve("in*"), root.resolve("input").resolve("archive"));
  }

  @Test
  void create_archiveDirBesideTheSourceFolder_isAccepted() {
    Path source = root.resolve("in");
    assertThat(
            SourceFileCleaner.create(
                FileStreamSourceOptions.fromMap(
                    Map.of(
                        "cleanSource",
                        "archive",
                        "sourceArchiveDir",
                        root.resolve("in-archive").toString())),
                source))
        .isPresent();
  }

  @Test
  void create_sourceIsAFileSinkOutput_isRefused() throws IOException {
    Path source =
        Files.createDirectories(root.resolve("out").resolve("_spark_metadata")).getParent();
    assertThatThrownBy(() -> cleaner(Map.of("cleanSource", "delete"), source))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("CLEAN_SOURCE_ON_SINK_OUTPUT_UNSUPPORTED");
              assertThat(e.parameters()).containsEntry("mode", "delete");
            });
  }

  @Test
  void create_off_hasNoCleaner() {
    assertThat(SourceFileCleaner.create(FileStreamSourceOptions.defaults(), root))
        .isEqualTo(Optional.empty());
  }

  private void assertRefused(Path source, Path archive) {
    assertThatThrownBy(
            () ->
                SourceFileCleaner.create(
                    FileStreamSourceOptions.fromMap(
                        Map.of("cleanSource", "archive", "sourceArchiveDir", archive.toString())),
                    source))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_CLEAN_SOURCE_ARCHIVE_DIR");
              assertThat(e.parameters()).containsEntry("archiveDir", archive.toString());
            });
  }
}
