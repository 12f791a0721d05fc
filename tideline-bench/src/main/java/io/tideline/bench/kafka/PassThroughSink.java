package io.tideline.bench.kafka;

/**
 * How Tideline's pass-through query (the latency workload) writes to its output topic. Spark always
 * uses its own Kafka sink.
 */
enum PassThroughSink {
  /** {@code writeStream().format("kafka")}, Tideline's Kafka sink. */
  KAFKA("kafka"),
  /**
   * {@code foreachBatch} handing each batch's rows to one long-lived {@code KafkaProducer} and
   * flushing it before the batch commits: the stand-in from before Tideline had a Kafka sink, kept
   * to tell the sink's cost from the loop's.
   */
  PRODUCER("producer");

  private final String cliName;

  PassThroughSink(String cliName) {
    this.cliName = cliName;
  }

  String cliName() {
    return cliName;
  }

  static PassThroughSink fromCliName(String name) {
    for (PassThroughSink s : values()) {
      if (s.cliName.equals(name)) {
        return s;
      }
    }
    throw KafkaBenchErrors.usage("Unknown --tideline-sink '" + name + "'; use producer or kafka");
  }
}
