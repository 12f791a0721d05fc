package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and talking to the Spark peer, checked without starting it. */
class SparkPeerProcessTest {
  @TempDir Path tmp;

  @Test
  void lastJsonLine_skipsNoiseAndTakesTheLastObject() throws IOException {
    String stdout =
        "some banner\n{\"workload\":\"old\"}\nmore noise\n{\"workload\":\"x\",\"records\":3}\n";

    assertThat(SparkPeerProcess.lastJsonLine(stdout).get("records").asLong()).isEqualTo(3);
    assertThat(SparkPeerProcess.lastJsonLine("no json here\n")).isNull();
  }

  @Test
  void locate_peerNotBuilt_tellsHowToBuildIt() throws IOException {
    Files.createDirectories(tmp.resolve("tideline-spark"));
    Files.createDirectories(tmp.resolve("tideline-bench/src"));

    assertThatThrownBy(() -> withRepo(tmp.resolve("tideline-bench/src")))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("BENCH_PEER_NOT_BUILT"))
        .hasMessageContaining(tmp.resolve("tideline-spark/target/classes").toString())
        .hasMessageContaining("mvn -q -pl tideline-spark -am compile");
  }

  @Test
  void locate_outsideAnyRepository_saysWhereItLooked() {
    assertThatThrownBy(() -> withRepo(tmp))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("BENCH_REPO_NOT_FOUND"))
        .hasMessageContaining(tmp.toString())
        .hasMessageContaining("-Dtideline.repo");
  }

  private static SparkPeerProcess withRepo(Path start) {
    String old = System.getProperty("tideline.repo");
    System.setProperty("tideline.repo", start.toString());
    try {
      return SparkPeerProcess.locate();
    } finally {
      if (old == null) {
        System.clearProperty("tideline.repo");
      } else {
        System.setProperty("tideline.repo", old);
      }
    }
  }
}
