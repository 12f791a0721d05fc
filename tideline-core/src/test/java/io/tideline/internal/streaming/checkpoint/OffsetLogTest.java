package io.tideline.internal.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetLogTest {

  @TempDir Path checkpoint;

  @Test
  void add_writesSparksOffsetFileLayout() throws IOException {
    OffsetLog log = OffsetLog.in(checkpoint);
    OffsetSeqMetadata metadata =
        new OffsetSeqMetadata(
            5_000, 1_700_000_000_123L, Map.of("tideline.shuffle.partitions", "8", "a.b", "x"));

    log.add(
        0, new OffsetSeq(Arrays.asList("{\"topic\":{\"0\":534,\"1\":134}}", null, "7"), metadata));

    assertThat(Files.readString(checkpoint.resolve("offsets").resolve("0")))
        .isEqualTo(
            "v1\n"
                + "{\"batchWatermarkMs\":5000,\"batchTimestampMs\":1700000000123,"
                + "\"conf\":{\"a.b\":\"x\",\"tideline.shuffle.partitions\":\"8\"}}\n"
                + "{\"topic\":{\"0\":534,\"1\":134}}\n"
                + "-\n"
                + "7");
  }

  @Test
  void get_roundTripsOffsetsMetadataAndMissingOffsets() {
    OffsetLog log = OffsetLog.in(checkpoint);
    OffsetSeq written =
        new OffsetSeq(
            Arrays.asList(null, "{\"logOffset\":7}"),
            new OffsetSeqMetadata(1, 2, Map.of("k", "v")));
    log.add(3, written);

    OffsetSeq read = log.get(3).orElseThrow();

    assertThat(read).isEqualTo(written);
    assertThat(read.offset(0)).isEmpty();
    assertThat(read.offset(1)).contains("{\"logOffset\":7}");
    assertThat(log.metadata(3)).contains(new OffsetSeqMetadata(1, 2, Map.of("k", "v")));
  }

  @Test
  void get_fileWrittenBySpark_isRead() throws IOException {
    Path offsets = checkpoint.resolve("offsets");
    Files.createDirectories(offsets);
    Files.writeString(
        offsets.resolve("12"),
        "v1\n"
            + "{\"batchWatermarkMs\":0,\"batchTimestampMs\":1715810270782,\"conf\":{"
            + "\"spark.sql.shuffle.partitions\":\"200\","
            + "\"spark.sql.streaming.multipleWatermarkPolicy\":\"min\"}}\n"
            + "{\"events\":{\"0\":45,\"1\":40}}");

    OffsetSeq read = OffsetLog.in(checkpoint).get(12).orElseThrow();

    assertThat(read.offsets()).containsExactly("{\"events\":{\"0\":45,\"1\":40}}");
    assertThat(read.metadata())
        .contains(
            new OffsetSeqMetadata(
                0,
                1715810270782L,
                Map.of(
                    "spark.sql.shuffle.partitions", "200",
                    "spark.sql.streaming.multipleWatermarkPolicy", "min")));
  }

  @Test
  void get_metadataWithMissingFields_usesSparksDefaults() throws IOException {
    Path offsets = checkpoint.resolve("offsets");
    Files.createDirectories(offsets);
    Files.writeString(offsets.resolve("0"), "v1\n{\"batchTimestampMs\":9}\n1");

    assertThat(OffsetLog.in(checkpoint).metadata(0))
        .contains(new OffsetSeqMetadata(0, 9, Map.of()));
  }

  @Test
  void get_emptyMetadataLine_hasNoMetadata() throws IOException {
    Path offsets = checkpoint.resolve("offsets");
    Files.createDirectories(offsets);
    Files.writeString(offsets.resolve("0"), "v1\n\n-\n{\"a\":1}");

    OffsetSeq read = OffsetLog.in(checkpoint).get(0).orElseThrow();

    assertThat(read.metadata()).isEmpty();
    assertThat(read.offsets()).containsExactly(null, "{\"a\":1}");
  }

  @Test
  void get_metadataNotJson_isRefusedAsMalformedNamingTheFile() throws IOException {
    Path offsets = checkpoint.resolve("offsets");
    Files.createDirectories(offsets);
    Files.writeString(offsets.resolve("0"), "v1\n{not json\n1");

    assertThatThrownBy(() -> OffsetLog.in(checkpoint).get(0))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("MALFORMED_LOG_FILE");
              assertThat(e.parameters()).containsEntry("file", offsets.resolve("0").toString());
            });
  }

  @Test
  void get_version2File_isRefused() throws IOException {
    Path offsets = checkpoint.resolve("offsets");
    Files.createDirectories(offsets);
    Files.writeString(offsets.resolve("0"), "v2\n{}\n0:{\"a\":1}");

    assertThatThrownBy(() -> OffsetLog.in(checkpoint).get(0))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION");
              assertThat(e.parameters()).containsEntry("version", "2");
            });
  }

  @Test
  void add_multiLineOffset_isRefusedAndNothingIsWritten() {
    OffsetLog log = OffsetLog.in(checkpoint);

    assertThatThrownBy(
            () -> log.add(0, new OffsetSeq(List.of("{\n\"a\":1}"), new OffsetSeqMetadata(0, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one-line JSON");

    assertThat(log.get(0)).isEmpty();
  }

  @Test
  void offsetSeq_withoutMetadata_writesEmptySecondLine() throws IOException {
    OffsetLog log = OffsetLog.in(checkpoint);

    log.add(0, new OffsetSeq(List.of("1"), Optional.empty()));

    assertThat(Files.readString(log.batchFile(0))).isEqualTo("v1\n\n1");
    assertThat(log.metadata(0)).isEmpty();
    assertThat(log.metadata(-1)).isEmpty();
  }
}
