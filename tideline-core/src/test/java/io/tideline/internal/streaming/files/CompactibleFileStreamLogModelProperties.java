package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.streaming.files.CompactibleFileStreamLog.Cleanup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * A compactible log behaves as a plain list of batches, whatever the compact interval, deletion,
 * restarts and retries of the latest batch.
 */
class CompactibleFileStreamLogModelProperties {

  /** One step: append a batch of {@code files} files, retry the latest batch, or reopen the log. */
  record Op(Kind kind, int files) {}

  enum Kind {
    APPEND,
    RETRY_LATEST,
    REOPEN
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> append = Arbitraries.integers().between(0, 3).map(n -> new Op(Kind.APPEND, n));
    Arbitrary<Op> retry = Arbitraries.just(new Op(Kind.RETRY_LATEST, 1));
    Arbitrary<Op> reopen = Arbitraries.just(new Op(Kind.REOPEN, 0));
    return Arbitraries.frequencyOf(Tuple.of(8, append), Tuple.of(1, retry), Tuple.of(1, reopen))
        .list()
        .ofMaxSize(35);
  }

  @Property(tries = 50)
  void log_matchesAListModel(
      @ForAll("operations") List<Op> ops,
      @ForAll @IntRange(min = 1, max = 6) int compactInterval,
      @ForAll boolean deletion,
      @ForAll @IntRange(min = 1, max = 8) int minBatchesToRetain)
      throws IOException {
    Path dir = Files.createTempDirectory("compactible-log-model");
    // Far in the future with no delay: every old file is expired as soon as it may be deleted.
    ManualClock clock = new ManualClock(Long.MAX_VALUE / 2);
    Cleanup cleanup = new Cleanup(deletion, 0, minBatchesToRetain);
    try {
      FileStreamSourceLog log = new FileStreamSourceLog(dir, compactInterval, cleanup, clock);
      List<List<FileEntry>> model = new ArrayList<>();
      int fileCounter = 0;
      for (Op op : ops) {
        switch (op.kind()) {
          case APPEND -> {
            long batchId = model.size();
            List<FileEntry> files = new ArrayList<>();
            for (int i = 0; i < op.files(); i++) {
              files.add(new FileEntry("file:///in/f" + fileCounter++, fileCounter, batchId));
            }
            assertThat(log.add(batchId, files)).isTrue();
            model.add(files);
          }
          case RETRY_LATEST -> {
            if (!model.isEmpty()) {
              long latest = model.size() - 1;
              assertThat(log.add(latest, List.of(new FileEntry("file:///x", 0, latest)))).isFalse();
            }
          }
          case REOPEN -> log = new FileStreamSourceLog(dir, compactInterval, cleanup, clock);
        }
        assertMatches(log, model, compactInterval);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void assertMatches(
      FileStreamSourceLog log, List<List<FileEntry>> model, int compactInterval) {
    assertThat(log.getLatestBatchId())
        .isEqualTo(model.isEmpty() ? OptionalLong.empty() : OptionalLong.of(model.size() - 1));
    List<FileEntry> all = new ArrayList<>();
    model.forEach(all::addAll);
    assertThat(log.allFiles()).containsExactlyElementsOf(all);
    if (!model.isEmpty()) {
      long latest = model.size() - 1;
      // Every batch answers with its own files, even after cleanup deleted its file.
      for (long id = 0; id <= latest; id++) {
        Map<Long, List<FileEntry>> batch = log.get(id, id);
        if (model.get((int) id).isEmpty() && batch.isEmpty()) {
          // An empty batch whose file is gone leaves no trace in a compaction, as in Spark.
          continue;
        }
        assertThat(batch).containsExactly(Map.entry(id, model.get((int) id)));
      }
    }
  }
}
