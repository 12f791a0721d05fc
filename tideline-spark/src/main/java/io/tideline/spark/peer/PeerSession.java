package io.tideline.spark.peer;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session configured the way every peer run on this machine needs it, with its start time.
 *
 * <p>Local mode with two threads matches the benchmark machine's two cores. The driver binds to
 * 127.0.0.1 because Spark otherwise advertises another interface and its executor cannot connect;
 * the UI is off because nothing looks at it and it costs start time. The session time zone is UTC
 * so that timestamps print and parse the same on every machine, as Tideline's tests assume.
 */
final class PeerSession implements AutoCloseable {
  private final SparkSession spark;
  private final double startSeconds;

  private PeerSession(SparkSession spark, double startSeconds) {
    this.spark = spark;
    this.startSeconds = startSeconds;
  }

  /** Starts a session; {@code extraConf} entries override the defaults. */
  static PeerSession start(String appName, Map<String, String> extraConf) {
    long t0 = System.nanoTime();
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .master("local[2]")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            // Rows come back with java.time values (Instant, LocalDate), which encode without a
            // time-zone guess.
            .config("spark.sql.datetime.java8API.enabled", "true");
    extraConf.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    return new PeerSession(spark, (System.nanoTime() - t0) / 1e9);
  }

  SparkSession spark() {
    return spark;
  }

  /** Seconds from the builder call until the session was ready. */
  double startSeconds() {
    return startSeconds;
  }

  @Override
  public void close() {
    spark.stop();
  }
}
