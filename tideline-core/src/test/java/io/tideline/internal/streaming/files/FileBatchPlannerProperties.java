package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Draining a folder batch by batch reads every file exactly once, in Spark's order, within the
 * per-batch limits.
 */
class FileBatchPlannerProperties {

  @Provide
  Arbitrary<List<SourceFile>> listings() {
    return Arbitraries.integers()
        .between(0, 40)
        .flatMap(
            n ->
                Arbitraries.longs()
                    .between(0, 10)
                    .list()
                    .ofSize(n)
                    .flatMap(
                        times ->
                            Arbitraries.longs()
                                .between(0, 100)
                                .list()
                                .ofSize(n)
                                .map(
                                    sizes -> {
                                      List<SourceFile> files = new ArrayList<>();
                                      for (int i = 0; i < n; i++) {
                                        files.add(
                                            new SourceFile(
                                                "file:///in/f" + i, sizes.get(i), times.get(i)));
                                      }
                                      return files;
                                    })));
  }

  @Property(tries = 200)
  void drain_readsEveryFileOnceInOrderWithinLimits(
      @ForAll("listings") List<SourceFile> listing,
      @ForAll @IntRange(min = 0, max = 2) int limitKind,
      @ForAll @IntRange(min = 1, max = 150) int limit,
      @ForAll boolean latestFirst) {
    Map<String, String> options = new HashMap<>();
    options.put("latestFirst", Boolean.toString(latestFirst));
    if (limitKind == 1) {
      options.put("maxFilesPerTrigger", Integer.toString(limit));
    } else if (limitKind == 2) {
      options.put("maxBytesPerTrigger", Integer.toString(limit));
    }
    FileStreamSourceOptions parsed = FileStreamSourceOptions.fromMap(options);
    // Files share few distinct times here, so a max age would drop some: test the unaged rule.
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);

    List<SourceFile> read = new ArrayList<>();
    for (long batchId = 0; ; batchId++) {
      List<SourceFile> batch = FileBatchPlanner.nextBatch(listing, seen, parsed);
      if (batch.isEmpty()) {
        break;
      }
      if (limitKind == 1) {
        assertThat(batch.size()).isLessThanOrEqualTo(limit);
      } else if (limitKind == 2 && batch.size() > 1) {
        assertThat(batch.stream().mapToLong(SourceFile::size).sum()).isLessThanOrEqualTo(limit);
      }
      FileBatchPlanner.recordBatch(batchId, batch, seen);
      read.addAll(batch);
      assertThat(batchId).isLessThan(listing.size());
    }

    // Each batch takes the first files of the remaining ones, so the drain is in global order.
    Comparator<SourceFile> order = Comparator.comparingLong(SourceFile::modificationTimeMs);
    if (latestFirst) {
      order = order.reversed();
    }
    List<SourceFile> expected = new ArrayList<>(listing);
    expected.sort(order.thenComparing(SourceFile::path));
    assertThat(read).containsExactlyElementsOf(expected);
  }
}
