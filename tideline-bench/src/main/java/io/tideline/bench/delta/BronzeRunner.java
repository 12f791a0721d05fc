package io.tideline.bench.delta;

import io.tideline.bench.ProcessCpu;
import io.tideline.bench.WorkFolder;
import io.tideline.bench.kafka.OrdersTopic;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs one bronze query and checks its table: read back by the engine that wrote it against the
 * generator, and by every other engine against the writer's own reading. Each run gets its own
 * folder ({@code <engine>-<n>/checkpoint} and {@code table}), deleted once the table is checked.
 */
final class BronzeRunner {
  private final String bootstrapServers;
  private final DeltaBenchSettings settings;
  private final List<DeltaEngine> engines;
  private final Path root;
  private final PrintStream out;
  private int n;

  BronzeRunner(
      String bootstrapServers,
      DeltaBenchSettings settings,
      List<DeltaEngine> engines,
      Path root,
      PrintStream out) {
    this.bootstrapServers = bootstrapServers;
    this.settings = settings;
    this.engines = engines;
    this.root = root;
    this.out = out;
  }

  /**
   * Runs {@code engine}'s bronze query over {@code topic} and checks the table; a measured run
   * ({@code into} not null) is added there and cross-read by the other engines.
   */
  void run(DeltaEngine engine, OrdersTopic topic, String label, DeltaEngineRuns into) {
    Path folder = root.resolve(engine.name() + "-" + (++n));
    Path table = folder.resolve("table");
    double load = ProcessCpu.loadAverage();
    DeltaEngine.BronzeRun r =
        engine.bronze(
            bootstrapServers,
            topic.name(),
            settings.maxOffsetsPerTrigger(),
            folder.resolve("checkpoint"),
            table);
    out.printf(
        Locale.ROOT,
        "  bronze   %-8s %-8s %.3f s, %.0f records/s, %.2f CPU s, %d batches (load average"
            + " %.2f)%n",
        label,
        engine.name(),
        r.seconds(),
        topic.records() / r.seconds(),
        r.cpuSeconds(),
        r.batches(),
        load);
    out.printf(Locale.ROOT, "           durationMs: %s%n", r.durationMs());
    TableChecksum own = engine.checksum(table);
    List<String> problems = own.problems(topic.records(), topic.over100());
    if (!problems.isEmpty()) {
      throw DeltaBenchErrors.wrongAnswer(
          engine.name(), engine.name(), label, table, String.join("; ", problems));
    }
    if (into != null) {
      for (DeltaEngine reader : engines) {
        if (reader == engine) {
          continue;
        }
        List<String> differences = reader.checksum(table).differences(own);
        if (!differences.isEmpty()) {
          throw DeltaBenchErrors.wrongAnswer(
              reader.name(), engine.name(), label, table, String.join("; ", differences));
        }
        out.printf(
            Locale.ROOT,
            "           %s read %s's table: %d rows, the same checksum%n",
            reader.name(),
            engine.name(),
            own.rows());
      }
      into.bronze().add(r);
    }
    WorkFolder.deleteRecursively(folder);
  }
}
