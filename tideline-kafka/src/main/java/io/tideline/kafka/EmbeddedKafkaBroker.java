package io.tideline.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka cluster (KRaft broker and controller in one process) running inside the
 * calling JVM from Kafka's own jars: for tests, demos and a laptop, without Docker.
 *
 * <p>Start one with {@code EmbeddedKafkaBroker.start()} (or {@link #builder()} to choose listeners
 * later), use {@link #bootstrapServers()} as {@code kafka.bootstrap.servers}, and close it to stop
 * the broker and delete its log directory. It binds to 127.0.0.1 only, on free ports.
 *
 * <p>Start sequence (Kafka's own, as {@code kafka-storage format} then {@code kafka-server-start}
 * do it): build the {@link KafkaConfig}; format the log directory with the metadata {@link
 * Formatter} (a fresh cluster id, the latest production metadata version, a static quorum of this
 * one node); then start {@link KafkaRaftServer}. The controller timeouts are shortened because a
 * quorum of one never waits for a peer, which brings the start to a few seconds.
 *
 * <p>Thread-safe: the helpers may be called from several test threads. One producer is created on
 * first use and shared.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int NODE_ID = 1;

  private final Path logDir;
  private final int port;
  private final KafkaConfig config;
  private final Listener listener;
  private KafkaRaftServer server;
  private final Object producerLock = new Object();
  private KafkaProducer<byte[], byte[]> producer;
  private volatile boolean closed;

  /** The security protocol of the broker's client listener. */
  public enum Listener {
    /** No authentication, no encryption. */
    PLAINTEXT
  }

  /**
   * Chooses what an {@link EmbeddedKafkaBroker} offers before it starts. The seam for SASL users
   * and TLS listeners: each becomes one more setter here.
   */
  public static final class Builder {
    private Listener listener = Listener.PLAINTEXT;
    private final Properties overrides = new Properties();

    private Builder() {}

    /** The client listener's security protocol; {@link Listener#PLAINTEXT} by default. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** A broker property set after Tideline's defaults, e.g. {@code log.retention.ms}. */
    public Builder brokerProperty(String key, String value) {
      overrides.setProperty(key, value);
      return this;
    }

    /** Formats a fresh log directory and starts the broker; returns once it serves clients. */
    public EmbeddedKafkaBroker start() {
      return new EmbeddedKafkaBroker(this);
    }
  }

  /** A builder for a broker with non-default listeners or properties. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a broker with a PLAINTEXT listener on a free port of 127.0.0.1. */
  public static EmbeddedKafkaBroker start() {
    return builder().start();
  }

  private EmbeddedKafkaBroker(Builder builder) {
    this.listener = builder.listener;
    try {
      this.logDir = Files.createTempDirectory("tideline-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a log directory for the embedded broker", e);
    }
    try {
      this.port = freePort();
      int controllerPort = freePort();
      this.config = KafkaConfig.fromProps(props(builder, controllerPort), false);
      format(config);
      startServer();
    } catch (RuntimeException e) {
      deleteQuietly(logDir);
      throw e;
    }
  }

  private void startServer() {
    KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      started.startup();
      server = started;
      awaitReady();
    } catch (RuntimeException e) {
      server = null;
      started.shutdown();
      started.awaitShutdown();
      throw e;
    }
  }

  /**
   * Stops the broker but keeps its log directory and ports, so {@link #restart()} brings back the
   * same cluster with the same topics and records: for tests of a broker that goes away mid-stream.
   * Idempotent.
   */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts a {@link #stop() stopped} broker again on the same address with the same data. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("The embedded Kafka broker is closed");
    }
    if (server == null) {
      startServer();
    }
  }

  private Properties props(Builder builder, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    String client = listener.name();
    p.setProperty(
        "listeners",
        client
            + "://127.0.0.1:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    // The controller listener stays out of the advertised ones: clients must never be sent to it.
    p.setProperty("advertised.listeners", client + "://127.0.0.1:" + port);
    p.setProperty(
        "listener.security.protocol.map",
        client + ":" + listener.name() + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.setProperty("inter.broker.listener.name", client);
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("metadata.log.dir", logDir.toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    // A quorum of one never waits for a peer: short timeouts make election and the broker's
    // registration immediate instead of taking the defaults' seconds.
    p.setProperty("controller.quorum.election.timeout.ms", "100");
    p.setProperty("controller.quorum.fetch.timeout.ms", "200");
    p.setProperty("controller.quorum.election.backoff.max.ms", "100");
    // Registration waits for the first heartbeat; a short interval speeds it up, while the
    // default session timeout tolerates a busy test machine.
    p.setProperty("broker.heartbeat.interval.ms", "500");
    p.setProperty("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    p.setProperty("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
    p.putAll(builder.overrides);
    return p;
  }

  private void format(KafkaConfig config) {
    Formatter formatter =
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .setControllerListenerName(CONTROLLER_LISTENER)
            .setMetadataLogDirectory(config.metadataLogDir())
            .setDirectories(List.of(logDir.toString()))
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setHasDynamicQuorum(false);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format the embedded broker's log dir " + logDir, e);
    }
  }

  /** Waits until the broker answers a metadata request, so callers never race its start. */
  private void awaitReady() {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "The embedded Kafka broker on 127.0.0.1:" + port + " did not start within 30 s", e);
    }
  }

  /** {@code 127.0.0.1:<port>}: the value for {@code kafka.bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The broker's log directory, deleted by {@link #close()}. */
  public Path logDir() {
    return logDir;
  }

  /** The client listener's security protocol. */
  public Listener listener() {
    return listener;
  }

  /** Creates {@code topic} with {@code partitions} partitions and waits until it exists. */
  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create topic " + topic, unwrap(e));
    }
  }

  /** Grows {@code topic} to {@code totalPartitions} partitions. */
  public void addPartitions(String topic, int totalPartitions) {
    try (Admin admin = admin()) {
      admin
          .createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot add partitions to topic " + topic, unwrap(e));
    }
  }

  /** Deletes {@code topic} and waits until the broker confirms it. */
  public void deleteTopic(String topic) {
    try (Admin admin = admin()) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot delete topic " + topic, unwrap(e));
    }
  }

  /**
   * Writes one record with UTF-8 {@code key} (null for none) and {@code value} to the partition the
   * default partitioner picks, and waits for the broker's acknowledgement.
   *
   * @return the record's offset
   */
  public long produce(String topic, String key, String value) {
    return send(new ProducerRecord<>(topic, bytes(key), bytes(value)));
  }

  /** As {@link #produce(String, String, String)}, to partition {@code partition}. */
  public long produce(String topic, String key, String value, int partition) {
    return send(new ProducerRecord<>(topic, partition, bytes(key), bytes(value)));
  }

  private long send(ProducerRecord<byte[], byte[]> record) {
    try {
      RecordMetadata meta = producer().send(record).get(30, TimeUnit.SECONDS);
      return meta.offset();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot produce to topic " + record.topic(), unwrap(e));
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    synchronized (producerLock) {
      if (closed) {
        throw new IllegalStateException("The embedded Kafka broker is closed");
      }
      if (producer == null) {
        Properties p = clientProperties();
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
      }
      return producer;
    }
  }

  /** An admin client for this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(clientProperties());
  }

  /** The properties a client needs to reach this broker's listener. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return p;
  }

  /** Stops the broker and deletes its log directory. Idempotent. */
  @Override
  public void close() {
    synchronized (producerLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (producer != null) {
        producer.close();
      }
    }
    stop();
    deleteQuietly(logDir);
  }

  @Override
  public String toString() {
    return "EmbeddedKafkaBroker[" + listener + "://" + bootstrapServers() + "]";
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Throwable unwrap(Exception e) {
    return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1 for the embedded broker", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A leftover temp dir is harmless; failing a test's teardown over it is not.
    }
  }
}
