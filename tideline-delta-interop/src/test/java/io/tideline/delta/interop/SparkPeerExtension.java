package io.tideline.delta.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class of this module the same {@link SparkDeltaPeer}: one Spark JVM for the
 * whole run, since Spark's start and its first Delta query cost about 18 s. It is closed when the
 * run ends. Where the peer is not built, the test class is skipped with the reason.
 */
final class SparkPeerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SparkPeerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkDeltaPeer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Optional<String> missing = SparkDeltaPeer.missing();
    Assumptions.assumeTrue(missing.isEmpty(), () -> "Skipped: " + missing.orElse(""));
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedPeer.class, k -> new SharedPeer(), SharedPeer.class)
        .peer;
  }

  /** The peer and its work folder, closed by JUnit when the root context closes. */
  private static final class SharedPeer
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final Path workDir;
    final SparkDeltaPeer peer;

    SharedPeer() {
      try {
        workDir = Files.createTempDirectory("tideline-delta-interop");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      peer = SparkDeltaPeer.start(workDir);
    }

    @Override
    public void close() throws IOException {
      peer.close();
      try (Stream<Path> files = Files.walk(workDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
