package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileBatchPlannerTest {

  private static SourceFile file(String name, long size, long mtime) {
    return new SourceFile("file:///in/" + name, size, mtime);
  }

  private static List<String> names(List<SourceFile> files) {
    return files.stream().map(f -> f.path().substring("file:///in/".length())).toList();
  }

  private static FileStreamSourceOptions options(Map<String, String> options) {
    return FileStreamSourceOptions.fromMap(options);
  }

  private static final List<SourceFile> LISTING =
      List.of(file("c", 10, 300), file("a", 10, 100), file("b2", 10, 200), file("b1", 10, 200));

  @Test
  void nextBatch_noLimit_takesAllNewFilesOldestFirst_tiesByPath() {
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);
    assertThat(names(FileBatchPlanner.nextBatch(LISTING, seen, FileStreamSourceOptions.defaults())))
        .containsExactly("a", "b1", "b2", "c");
  }

  @Test
  void nextBatch_latestFirst_takesNewestFirst_tiesByPath() {
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);
    assertThat(
            names(
                FileBatchPlanner.nextBatch(LISTING, seen, options(Map.of("latestFirst", "true")))))
        .containsExactly("c", "b1", "b2", "a");
  }

  @Test
  void nextBatch_skipsSeenFiles() {
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);
    seen.add("file:///in/b1", 200);
    assertThat(names(FileBatchPlanner.nextBatch(LISTING, seen, FileStreamSourceOptions.defaults())))
        .containsExactly("a", "b2", "c");
  }

  @Test
  void nextBatch_maxFilesPerTrigger_takesTheFirstN_andTheRestLater() {
    FileStreamSourceOptions options = options(Map.of("maxFilesPerTrigger", "3"));
    SeenFiles seen = new SeenFiles(options.effectiveMaxFileAgeMs(), false);
    List<SourceFile> first = FileBatchPlanner.nextBatch(LISTING, seen, options);
    assertThat(names(first)).containsExactly("a", "b1", "b2");
    assertThat(FileBatchPlanner.recordBatch(0, first, seen))
        .containsExactly(
            new FileEntry("file:///in/a", 100, 0),
            new FileEntry("file:///in/b1", 200, 0),
            new FileEntry("file:///in/b2", 200, 0));
    assertThat(names(FileBatchPlanner.nextBatch(LISTING, seen, options))).containsExactly("c");
  }

  @Test
  void nextBatch_maxBytesPerTrigger_stopsAtTheFirstFileThatDoesNotFit() {
    List<SourceFile> listing =
        List.of(file("a", 40, 1), file("b", 50, 2), file("c", 20, 3), file("d", 5, 4));
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);
    // a+b = 90 fits 100; c would make 110: stop there, even though d would still fit.
    assertThat(
            names(
                FileBatchPlanner.nextBatch(
                    listing, seen, options(Map.of("maxBytesPerTrigger", "100")))))
        .containsExactly("a", "b");
    assertThat(
            names(
                FileBatchPlanner.nextBatch(
                    listing, seen, options(Map.of("maxBytesPerTrigger", "90")))))
        .containsExactly("a", "b");
  }

  @Test
  void nextBatch_maxBytesPerTrigger_takesOneFileEvenIfLarger() {
    List<SourceFile> listing = List.of(file("big", 1_000, 1), file("small", 1, 2));
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);
    FileStreamSourceOptions options = options(Map.of("maxBytesPerTrigger", "10"));
    List<SourceFile> first = FileBatchPlanner.nextBatch(listing, seen, options);
    assertThat(names(first)).containsExactly("big");
    FileBatchPlanner.recordBatch(0, first, seen);
    assertThat(names(FileBatchPlanner.nextBatch(listing, seen, options))).containsExactly("small");
  }

  @Test
  void nextBatch_maxFileAge_ignoresFilesOlderThanLatestSeenMinusMaxAge() {
    FileStreamSourceOptions options = options(Map.of("maxFileAge", "1s"));
    SeenFiles seen = new SeenFiles(options.effectiveMaxFileAgeMs(), false);
    // The first batch considers every file, however old.
    List<SourceFile> first =
        FileBatchPlanner.nextBatch(List.of(file("a", 1, 10_000), file("b", 1, 1)), seen, options);
    assertThat(names(first)).containsExactly("b", "a");
    FileBatchPlanner.recordBatch(0, first, seen);

    List<SourceFile> later =
        List.of(file("late", 1, 8_999), file("edge", 1, 9_000), file("fresh", 1, 9_500));
    assertThat(names(FileBatchPlanner.nextBatch(later, seen, options)))
        .containsExactly("edge", "fresh");
  }

  @Test
  void nextBatch_latestFirstWithARateLimit_ignoresMaxFileAge() {
    FileStreamSourceOptions options =
        options(Map.of("maxFileAge", "1s", "latestFirst", "true", "maxFilesPerTrigger", "1"));
    assertThat(options.effectiveMaxFileAgeMs()).isEqualTo(Long.MAX_VALUE);
    SeenFiles seen = new SeenFiles(options.effectiveMaxFileAgeMs(), false);
    List<SourceFile> listing = List.of(file("old", 1, 1), file("new", 1, 100_000));

    List<SourceFile> first = FileBatchPlanner.nextBatch(listing, seen, options);
    assertThat(names(first)).containsExactly("new");
    FileBatchPlanner.recordBatch(0, first, seen);
    // 99 s older than the newest file, yet still read: it was only waiting for its turn.
    assertThat(names(FileBatchPlanner.nextBatch(listing, seen, options))).containsExactly("old");

    FileStreamSourceOptions withoutLimit =
        options(Map.of("maxFileAge", "1s", "latestFirst", "true"));
    assertThat(withoutLimit.effectiveMaxFileAgeMs()).isEqualTo(1_000);
  }

  @Test
  void nextBatch_emptyListing_isEmpty() {
    assertThat(
            FileBatchPlanner.nextBatch(
                List.of(), new SeenFiles(0, false), FileStreamSourceOptions.defaults()))
        .isEmpty();
  }
}
