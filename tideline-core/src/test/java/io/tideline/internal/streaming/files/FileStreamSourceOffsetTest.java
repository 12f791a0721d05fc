package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileStreamSourceOffsetTest {

  @Test
  void json_isSparksFormat_andParsesBack() {
    FileStreamSourceOffset offset = new FileStreamSourceOffset(42);
    assertThat(offset.json()).isEqualTo("{\"logOffset\":42}");
    assertThat(FileStreamSourceOffset.parse(offset.json())).isEqualTo(offset);
  }

  @Test
  void parse_bareNumber_isSparksOldFormat() {
    assertThat(FileStreamSourceOffset.parse("7")).isEqualTo(new FileStreamSourceOffset(7));
  }

  @Test
  void parse_somethingElse_failsWithTheReason() {
    assertThatThrownBy(() -> FileStreamSourceOffset.parse("{\"offset\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'logOffset' is missing");
    assertThatThrownBy(() -> FileStreamSourceOffset.parse("{oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a file stream source offset");
  }
}
