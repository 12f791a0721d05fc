package io.tideline.examples.orders;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one run of the demo does: where it keeps its data, how fast the generator writes, when it
 * stops, and whether the queries run live or once with {@code AvailableNow}.
 *
 * @param work the folder holding the broker's log, the warehouse and the checkpoints; a second run
 *     on the same folder resumes
 * @param ratePerSecond orders the generator writes per second in live mode
 * @param duration how long a live run lasts; empty runs until {@link OrdersDemo#stop()} (Ctrl-C)
 * @param records how many orders this run generates before the generator stops; empty for no limit
 *     (live mode) or none at all (available-now mode)
 * @param availableNow run every stage once with {@code Trigger.AvailableNow()} in pipeline order,
 *     then return, instead of running live
 * @param triggerInterval the processing-time trigger of the live queries
 * @param statusInterval how often the live run prints its status table
 * @param eventStep how far event time advances per order (keep it the same across runs of one work
 *     folder, or the second run's order times jump)
 * @param partitions partitions of {@code orders_topic} when the demo creates it
 * @param seed the generator's seed: the same seed gives the same orders
 * @param out where the status table and the summary go
 */
public record DemoConfig(
    Path work,
    int ratePerSecond,
    Optional<Duration> duration,
    OptionalLong records,
    boolean availableNow,
    Duration triggerInterval,
    Duration statusInterval,
    Duration eventStep,
    int partitions,
    long seed,
    PrintStream out) {

  /** The default work folder, relative to where the demo starts. */
  public static final Path DEFAULT_WORK = Path.of("tideline-demo");

  public DemoConfig {
    work = Objects.requireNonNull(work, "work").toAbsolutePath().normalize();
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(triggerInterval, "triggerInterval");
    Objects.requireNonNull(statusInterval, "statusInterval");
    Objects.requireNonNull(eventStep, "eventStep");
    Objects.requireNonNull(out, "out");
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("--rate must be positive, got " + ratePerSecond);
    }
    if (records.isPresent() && records.getAsLong() < 0) {
      throw new IllegalArgumentException("--records must be 0 or more, got " + records);
    }
    if (partitions <= 0) {
      throw new IllegalArgumentException("partitions must be positive, got " + partitions);
    }
  }

  /** A builder with the demo's defaults for {@code work}: live, 100 orders/s, until stopped. */
  public static Builder builder(Path work) {
    return new Builder(work);
  }

  /** Chooses a {@link DemoConfig}, starting from the demo's defaults. */
  public static final class Builder {
    private final Path work;
    private int ratePerSecond = 100;
    private Optional<Duration> duration = Optional.empty();
    private OptionalLong records = OptionalLong.empty();
    private boolean availableNow;
    private Duration triggerInterval = Duration.ofSeconds(2);
    private Duration statusInterval = Duration.ofSeconds(5);
    private Duration eventStep = Orders.DEFAULT_EVENT_STEP;
    private int partitions = 3;
    private long seed = 42;
    private PrintStream out = System.out;

    private Builder(Path work) {
      this.work = work;
    }

    public Builder rate(int perSecond) {
      this.ratePerSecond = perSecond;
      return this;
    }

    public Builder duration(Duration d) {
      this.duration = Optional.of(d);
      return this;
    }

    public Builder records(long n) {
      this.records = OptionalLong.of(n);
      return this;
    }

    public Builder availableNow(boolean on) {
      this.availableNow = on;
      return this;
    }

    public Builder triggerInterval(Duration d) {
      this.triggerInterval = d;
      return this;
    }

    public Builder statusInterval(Duration d) {
      this.statusInterval = d;
      return this;
    }

    public Builder eventStep(Duration d) {
      this.eventStep = d;
      return this;
    }

    public Builder partitions(int n) {
      this.partitions = n;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Builder out(PrintStream stream) {
      this.out = stream;
      return this;
    }

    public DemoConfig build() {
      return new DemoConfig(
          work,
          ratePerSecond,
          duration,
          records,
          availableNow,
          triggerInterval,
          statusInterval,
          eventStep,
          partitions,
          seed,
          out);
    }
  }

  /** The broker's log folder, kept between runs. */
  public Path kafkaDir() {
    return work.resolve("kafka");
  }

  /** The session's warehouse: the catalog's tables live under it. */
  public Path warehouse() {
    return work.resolve("warehouse");
  }

  /** The checkpoint of the query {@code queryName}. */
  public Path checkpoint(String queryName) {
    return work.resolve("checkpoints").resolve(queryName);
  }
}
