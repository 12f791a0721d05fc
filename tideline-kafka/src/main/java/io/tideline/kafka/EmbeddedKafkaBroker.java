package io.tideline.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka cluster (KRaft broker and controller in one process) running inside the
 * calling JVM from Kafka's own jars: for tests, demos and a laptop, without Docker.
 *
 * <p>Start one with {@code EmbeddedKafkaBroker.start()} for a PLAINTEXT listener, or with {@link
 * #builder()} for any mix of PLAINTEXT, SSL, SASL_PLAINTEXT and SASL_SSL listeners with SASL/PLAIN
 * users; use {@link #bootstrapServers(SecurityProtocol)} as {@code kafka.bootstrap.servers} and
 * {@link #clientConfig(SecurityProtocol, String, String)} for a client's settings; close it to stop
 * the broker and delete its log directory. It binds to 127.0.0.1 only, on free ports.
 *
 * <p>With {@link Builder#logDir(Path)} the broker keeps its data in a folder of the caller's that
 * {@link #close()} leaves in place: a broker started later on the same folder (in this JVM or
 * another) is the same cluster with the same topics, records and offsets, on new ports. That is
 * what a demo needs so that a second run continues the topic its checkpoints point into.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker =
 *     EmbeddedKafkaBroker.builder()
 *         .withListener(SecurityProtocol.SASL_SSL)
 *         .withUser("alice", "alice-secret")
 *         .start()) {
 *   broker.createTopic("orders", 2);
 *   Properties client = broker.clientConfig(SecurityProtocol.SASL_SSL, "alice", "alice-secret");
 * }
 * }</pre>
 *
 * <p>Listeners: each requested protocol gets its own listener, named after it, on its own port.
 * Inter-broker and controller traffic stay on two more PLAINTEXT listeners ({@code INTERNAL} and
 * {@code CONTROLLER}), so a secured client listener never has to authenticate the broker to itself.
 * The {@code INTERNAL} listener is also what this class's own helpers ({@link #admin()}, {@link
 * #produce}, {@link #clientProperties()}) use, so a test can create topics and write records
 * without credentials whatever listeners its clients are given. SASL listeners accept the PLAIN
 * mechanism with the users given to {@link Builder#withUser}, configured through the listener's
 * {@code plain.sasl.jaas.config} (no JAAS file, no JVM-wide setting). TLS listeners use {@link
 * TestCertificates#localhost()} unless {@link Builder#withCertificates} gives others; clients trust
 * them through {@link #certificates()}.
 *
 * <p>Start sequence (Kafka's own, as {@code kafka-storage format} then {@code kafka-server-start}
 * do it): build the {@link KafkaConfig}; format the log directory with the metadata {@link
 * Formatter} (a fresh cluster id, the latest production metadata version, a static quorum of this
 * one node); then start {@link KafkaRaftServer}. The controller timeouts are shortened because a
 * quorum of one never waits for a peer, which brings the start to a few seconds.
 *
 * <p>Thread-safe: the helpers may be called from several test threads. One producer is created on
 * first use and shared. {@link #toString()} shows listeners, never users or passwords.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String INTERNAL_LISTENER = "INTERNAL";
  private static final String PLAIN_LOGIN_MODULE =
      "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final int NODE_ID = 1;
  private static final String META_PROPERTIES = "meta.properties";

  /** Characters that are safe in a JAAS option name such as {@code user_<name>}. */
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_.$-]+");

  private final Path logDir;
  // A caller's folder outlives the broker; a temporary one is deleted on close.
  private final boolean keepLogDir;
  private final Map<SecurityProtocol, Integer> ports;
  private final int internalPort;
  private final TestCertificates certificates;
  private final KafkaConfig config;
  private KafkaRaftServer server;
  private final Object producerLock = new Object();
  private KafkaProducer<byte[], byte[]> producer;
  private volatile boolean closed;

  /**
   * Chooses what an {@link EmbeddedKafkaBroker} offers before it starts: its client listeners, the
   * SASL/PLAIN users they accept, the TLS certificate, and any other broker property.
   */
  public static final class Builder {
    private final Set<SecurityProtocol> listeners = new LinkedHashSet<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private TestCertificates certificates;
    private Path logDir;
    private final Properties overrides = new Properties();

    private Builder() {}

    /**
     * Adds a client listener for {@code protocol}; the first one added is what {@link
     * EmbeddedKafkaBroker#bootstrapServers()} returns. Without any, the broker has one PLAINTEXT
     * listener. SASL listeners need at least one {@link #withUser user}.
     */
    public Builder withListener(SecurityProtocol protocol) {
      listeners.add(Objects.requireNonNull(protocol, "protocol"));
      return this;
    }

    /**
     * Adds a SASL/PLAIN user accepted by every SASL listener. The name may hold letters, digits and
     * {@code _ . $ -} (Azure Event Hubs' {@code $ConnectionString} included); the password
     * anything.
     */
    public Builder withUser(String name, String password) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      if (!USER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "SASL user name '"
                + name
                + "' cannot be configured: use letters, digits and _ . $ - only");
      }
      users.put(name, password);
      return this;
    }

    /** The certificate of the TLS listeners; {@link TestCertificates#localhost()} by default. */
    public Builder withCertificates(TestCertificates certificates) {
      this.certificates = Objects.requireNonNull(certificates, "certificates");
      return this;
    }

    /**
     * Keeps the broker's data in {@code folder} (made if missing) instead of a temporary folder,
     * and leaves it there on {@link EmbeddedKafkaBroker#close()}. A folder a broker used before is
     * reused as it is, so topics, records and committed offsets survive a restart of the process;
     * an empty one is formatted as a new cluster. Two brokers must never share a folder at once
     * (Kafka locks it, and the second start fails).
     */
    public Builder logDir(Path folder) {
      this.logDir = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
      return this;
    }

    /** A broker property set after Tideline's defaults, e.g. {@code log.retention.ms}. */
    public Builder brokerProperty(String key, String value) {
      overrides.setProperty(key, value);
      return this;
    }

    /**
     * Formats a fresh log directory (or reuses the {@link #logDir(Path) kept one}) and starts the
     * broker; returns once it serves clients.
     */
    public EmbeddedKafkaBroker start() {
      if (listeners.isEmpty()) {
        listeners.add(SecurityProtocol.PLAINTEXT);
      }
      for (SecurityProtocol p : listeners) {
        if (p != SecurityProtocol.PLAINTEXT
            && p != SecurityProtocol.SSL
            && p != SecurityProtocol.SASL_PLAINTEXT
            && p != SecurityProtocol.SASL_SSL) {
          throw new IllegalArgumentException("Unsupported listener protocol " + p);
        }
        if (isSasl(p) && users.isEmpty()) {
          throw new IllegalStateException(
              "A "
                  + p
                  + " listener needs at least one SASL/PLAIN user: call withUser(name, password)");
        }
      }
      return new EmbeddedKafkaBroker(this);
    }
  }

  /** A builder for a broker with chosen listeners, users or properties. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a broker with a PLAINTEXT listener on a free port of 127.0.0.1. */
  public static EmbeddedKafkaBroker start() {
    return builder().start();
  }

  private EmbeddedKafkaBroker(Builder builder) {
    boolean tls =
        builder.listeners.stream()
            .anyMatch(p -> p == SecurityProtocol.SSL || p == SecurityProtocol.SASL_SSL);
    this.certificates =
        tls && builder.certificates == null ? TestCertificates.localhost() : builder.certificates;
    this.keepLogDir = builder.logDir != null;
    try {
      this.logDir =
          keepLogDir
              ? Files.createDirectories(builder.logDir)
              : Files.createTempDirectory("tideline-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create a log directory for the embedded broker"
              + (keepLogDir ? " at " + builder.logDir : ""),
          e);
    }
    try {
      Map<SecurityProtocol, Integer> p = new LinkedHashMap<>();
      for (SecurityProtocol protocol : builder.listeners) {
        p.put(protocol, freePort());
      }
      this.ports = Collections.unmodifiableMap(p);
      this.internalPort = freePort();
      int controllerPort = freePort();
      this.config = KafkaConfig.fromProps(props(builder, controllerPort), false);
      // Kafka's formatter refuses a formatted folder; a kept folder's meta.properties carries the
      // cluster id and node id the restarted broker must present again.
      if (!Files.exists(logDir.resolve(META_PROPERTIES))) {
        format(config);
      }
      startServer();
    } catch (RuntimeException e) {
      if (!keepLogDir) {
        deleteQuietly(logDir);
      }
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
    List<String> listeners = new ArrayList<>();
    List<String> advertised = new ArrayList<>();
    List<String> protocolMap = new ArrayList<>();
    for (Map.Entry<SecurityProtocol, Integer> e : ports.entrySet()) {
      String name = e.getKey().name;
      listeners.add(name + "://127.0.0.1:" + e.getValue());
      advertised.add(name + "://127.0.0.1:" + e.getValue());
      protocolMap.add(name + ":" + name);
    }
    listeners.add(INTERNAL_LISTENER + "://127.0.0.1:" + internalPort);
    advertised.add(INTERNAL_LISTENER + "://127.0.0.1:" + internalPort);
    listeners.add(CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    protocolMap.add(INTERNAL_LISTENER + ":PLAINTEXT");
    protocolMap.add(CONTROLLER_LISTENER + ":PLAINTEXT");
    p.setProperty("listeners", String.join(",", listeners));
    // The controller listener stays out of the advertised ones: clients must never be sent to it.
    p.setProperty("advertised.listeners", String.join(",", advertised));
    p.setProperty("listener.security.protocol.map", String.join(",", protocolMap));
    p.setProperty("inter.broker.listener.name", INTERNAL_LISTENER);
    for (SecurityProtocol protocol : ports.keySet()) {
      String prefix = "listener.name." + protocol.name.toLowerCase(Locale.ROOT) + ".";
      if (isSasl(protocol)) {
        p.setProperty(prefix + "sasl.enabled.mechanisms", "PLAIN");
        p.setProperty(prefix + "plain.sasl.jaas.config", serverJaasConfig(builder.users));
      }
      if (protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL) {
        p.setProperty(prefix + "ssl.keystore.location", certificates.keyStore().toString());
        p.setProperty(prefix + "ssl.keystore.password", certificates.keyStorePassword());
        p.setProperty(prefix + "ssl.key.password", certificates.keyStorePassword());
        p.setProperty(prefix + "ssl.keystore.type", TestCertificates.STORE_TYPE);
      }
    }
    p.setProperty("sasl.enabled.mechanisms", "PLAIN");
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

  /** The broker side of SASL/PLAIN: one {@code user_<name>="<password>"} option per user. */
  private static String serverJaasConfig(Map<String, String> users) {
    StringBuilder b = new StringBuilder(PLAIN_LOGIN_MODULE).append(" required");
    for (Map.Entry<String, String> u : users.entrySet()) {
      b.append(" user_").append(u.getKey()).append("=").append(quoted(u.getValue()));
    }
    return b.append(';').toString();
  }

  /**
   * A client's {@code sasl.jaas.config} for SASL/PLAIN: {@code
   * org.apache.kafka.common.security.plain.PlainLoginModule required username="<user>"
   * password="<password>";}, with quotes and backslashes in the values escaped.
   */
  public static String plainJaasConfig(String user, String password) {
    return PLAIN_LOGIN_MODULE
        + " required username="
        + quoted(Objects.requireNonNull(user, "user"))
        + " password="
        + quoted(Objects.requireNonNull(password, "password"))
        + ";";
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static boolean isSasl(SecurityProtocol protocol) {
    return protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
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
          "The embedded Kafka broker on 127.0.0.1:" + internalPort + " did not start within 30 s",
          e);
    }
  }

  /**
   * {@code 127.0.0.1:<port>} of the first client listener (the PLAINTEXT one unless the builder
   * chose others): the value for {@code kafka.bootstrap.servers}.
   */
  public String bootstrapServers() {
    return "127.0.0.1:" + ports.values().iterator().next();
  }

  /**
   * {@code 127.0.0.1:<port>} of the client listener for {@code protocol}.
   *
   * @throws IllegalArgumentException when the broker has no such listener
   */
  public String bootstrapServers(SecurityProtocol protocol) {
    Integer port = ports.get(protocol);
    if (port == null) {
      throw new IllegalArgumentException(
          "This broker has no " + protocol + " listener; it has " + ports.keySet());
    }
    return "127.0.0.1:" + port;
  }

  /**
   * The broker's log directory: deleted by {@link #close()}, unless it was given to {@link
   * Builder#logDir(Path)}.
   */
  public Path logDir() {
    return logDir;
  }

  /** The security protocols of the client listeners, in the order they were added. */
  public Set<SecurityProtocol> listeners() {
    return ports.keySet();
  }

  /** The certificate of the TLS listeners, whose truststore clients need; null without TLS. */
  public TestCertificates certificates() {
    return certificates;
  }

  /**
   * The settings of a Kafka client of the {@code protocol} listener: {@code bootstrap.servers},
   * {@code security.protocol}, for SASL {@code sasl.mechanism=PLAIN} and {@code sasl.jaas.config}
   * for {@code user}/{@code password}, and for TLS the truststore of {@link #certificates()}.
   *
   * @param user ignored without SASL
   * @param password ignored without SASL
   */
  public Properties clientConfig(SecurityProtocol protocol, String user, String password) {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(protocol));
    p.setProperty(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, protocol.name);
    if (isSasl(protocol)) {
      p.setProperty(SaslConfigs.SASL_MECHANISM, "PLAIN");
      p.setProperty(SaslConfigs.SASL_JAAS_CONFIG, plainJaasConfig(user, password));
    }
    if (protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL) {
      p.putAll(certificates.clientTrustProperties());
    }
    return p;
  }

  /** As {@link #clientConfig(SecurityProtocol, String, String)} for a listener without SASL. */
  public Properties clientConfig(SecurityProtocol protocol) {
    if (isSasl(protocol)) {
      throw new IllegalArgumentException(
          protocol + " needs a user: call clientConfig(protocol, user, password)");
    }
    return clientConfig(protocol, null, null);
  }

  /**
   * {@link #clientConfig(SecurityProtocol, String, String)} as options of Tideline's {@code kafka}
   * source: each key prefixed with {@code kafka.}, for {@code readStream().options(...)}.
   */
  public Map<String, String> kafkaOptions(SecurityProtocol protocol, String user, String password) {
    Properties config = clientConfig(protocol, user, password);
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : new TreeSet<>(config.stringPropertyNames())) {
      out.put("kafka." + key, config.getProperty(key));
    }
    return out;
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

  /** An admin client of the internal PLAINTEXT listener; the caller closes it. */
  public Admin admin() {
    return Admin.create(clientProperties());
  }

  /**
   * The settings of a client of the broker's internal PLAINTEXT listener, which needs no
   * credentials whatever client listeners the broker has: for a test's own set-up and checks.
   */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + internalPort);
    return p;
  }

  /**
   * Stops the broker and deletes its log directory, unless it was given to {@link
   * Builder#logDir(Path)}. Idempotent.
   */
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
    if (!keepLogDir) {
      deleteQuietly(logDir);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("EmbeddedKafkaBroker[");
    String sep = "";
    for (Map.Entry<SecurityProtocol, Integer> e : ports.entrySet()) {
      b.append(sep).append(e.getKey().name).append("://127.0.0.1:").append(e.getValue());
      sep = ", ";
    }
    return b.append(']').toString();
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
