package io.tideline.delta.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the interop tests skip: only when the Spark peer's classes or classpath file are missing.
 */
class SparkDeltaPeerTest {
  @TempDir Path repo;

  @Test
  void missing_withoutThePeersClasspathFile_namesItAndTheBuildCommand() throws Exception {
    Path classes = repo.resolve("tideline-spark/target/classes/io/tideline/spark/peer");
    Files.createDirectories(classes);
    Files.writeString(classes.resolve("DeltaServe.class"), "");

    assertThat(SparkDeltaPeer.missing(repo))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("tideline-spark/target/classpath.txt is missing")
                    .contains("mvn -pl tideline-spark compile"));
  }

  @Test
  void missing_withoutThePeersClasses_namesThem() {
    assertThat(SparkDeltaPeer.missing(repo))
        .hasValueSatisfying(reason -> assertThat(reason).contains("DeltaServe.class is missing"));
  }

  @Test
  void missing_whenBuilt_isEmpty() throws Exception {
    Path classes = repo.resolve("tideline-spark/target/classes/io/tideline/spark/peer");
    Files.createDirectories(classes);
    Files.writeString(classes.resolve("DeltaServe.class"), "");
    Files.writeString(repo.resolve("tideline-spark/target/classpath.txt"), "a.jar");

    assertThat(SparkDeltaPeer.missing(repo)).isEmpty();
  }
}
