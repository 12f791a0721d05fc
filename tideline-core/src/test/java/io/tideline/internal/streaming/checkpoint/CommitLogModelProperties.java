package io.tideline.internal.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** A commit log behaves as a sorted map that refuses overwrites, under random operations. */
class CommitLogModelProperties {

  /** One operation: add(batchId, watermark), or purge(batchId) when {@code purge}. */
  record Op(long batchId, long watermark, boolean purge) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> add =
        Arbitraries.longs()
            .between(0, 20)
            .flatMap(id -> Arbitraries.longs().between(0, 1_000).map(wm -> new Op(id, wm, false)));
    Arbitrary<Op> purge = Arbitraries.longs().between(0, 22).map(t -> new Op(t, 0, true));
    return Arbitraries.frequencyOf(Tuple.of(4, add), Tuple.of(1, purge)).list().ofMaxSize(40);
  }

  @Property(tries = 60)
  void log_matchesASortedMapModel(@ForAll("operations") List<Op> ops) throws IOException {
    Path dir = Files.createTempDirectory("commit-log-model");
    try {
      CommitLog log = CommitLog.in(dir);
      TreeMap<Long, Long> model = new TreeMap<>();
      for (Op op : ops) {
        if (op.purge()) {
          log.purge(op.batchId());
          model.headMap(op.batchId()).clear();
        } else {
          boolean expected = !model.containsKey(op.batchId());
          assertThat(log.add(op.batchId(), new CommitMetadata(op.watermark()))).isEqualTo(expected);
          model.putIfAbsent(op.batchId(), op.watermark());
        }
        assertThat(log.batchIds()).containsExactlyElementsOf(model.keySet());
        assertThat(log.getLatestBatchId())
            .isEqualTo(model.isEmpty() ? OptionalLong.empty() : OptionalLong.of(model.lastKey()));
      }
      for (long id = 0; id <= 22; id++) {
        Optional<CommitMetadata> expected =
            Optional.ofNullable(model.get(id)).map(CommitMetadata::new);
        assertThat(log.get(id)).isEqualTo(expected);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
