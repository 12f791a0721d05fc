package io.tideline.internal.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamMetadataTest {

  @TempDir Path checkpoint;

  private static final UUID ID = UUID.fromString("ce011fdc-8762-4dcb-84eb-a77333e28109");

  @Test
  void getOrCreate_firstStart_writesTheIdWithAVersionLine() throws IOException {
    StreamMetadata metadata = StreamMetadata.getOrCreate(checkpoint, ID);

    assertThat(metadata.id()).isEqualTo(ID);
    assertThat(Files.readString(checkpoint.resolve("metadata")))
        .isEqualTo("v1\n{\"id\":\"ce011fdc-8762-4dcb-84eb-a77333e28109\"}");
  }

  @Test
  void getOrCreate_restart_keepsTheFirstId() {
    StreamMetadata.getOrCreate(checkpoint, ID);

    StreamMetadata again = StreamMetadata.getOrCreate(checkpoint, UUID.randomUUID());

    assertThat(again.id()).isEqualTo(ID);
    assertThat(StreamMetadata.read(checkpoint)).contains(new StreamMetadata(ID));
  }

  @Test
  void read_noFile_isEmpty() {
    assertThat(StreamMetadata.read(checkpoint)).isEmpty();
  }

  @Test
  void read_sparkFileWithoutVersionLine_readsTheId() throws IOException {
    Files.writeString(
        checkpoint.resolve("metadata"), "{\"id\":\"ce011fdc-8762-4dcb-84eb-a77333e28109\"}\n");

    assertThat(StreamMetadata.read(checkpoint)).contains(new StreamMetadata(ID));
  }

  @Test
  void read_newerVersion_isRefused() throws IOException {
    Files.writeString(checkpoint.resolve("metadata"), "v2\n{\"id\":\"" + ID + "\"}");

    assertThatThrownBy(() -> StreamMetadata.read(checkpoint))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION");
              assertThat(e.parameters())
                  .containsEntry("file", checkpoint.resolve("metadata").toString());
            });
  }

  @Test
  void read_idNotAUuid_isRefusedAsMalformed() throws IOException {
    Files.writeString(checkpoint.resolve("metadata"), "v1\n{\"id\":\"not-a-uuid\"}");

    assertThatThrownBy(() -> StreamMetadata.read(checkpoint))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("MALFORMED_LOG_FILE"));
  }
}
