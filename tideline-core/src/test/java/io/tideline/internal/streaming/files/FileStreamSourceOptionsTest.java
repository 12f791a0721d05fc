package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.files.FileStreamSourceOptions.CleanSourceMode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FileStreamSourceOptionsTest {

  private static void assertInvalid(Map<String, String> options, String condition, String param) {
    assertThatThrownBy(() -> FileStreamSourceOptions.fromMap(options))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo(condition);
              assertThat(e.parameters()).containsValue(param);
            });
  }

  @Test
  void defaults_matchSpark() {
    FileStreamSourceOptions options = FileStreamSourceOptions.defaults();
    assertThat(options.maxFilesPerTrigger()).isEqualTo(OptionalInt.empty());
    assertThat(options.maxBytesPerTrigger()).isEqualTo(OptionalLong.empty());
    assertThat(options.latestFirst()).isFalse();
    assertThat(options.maxFileAgeMs()).isEqualTo(7L * 24 * 3600 * 1000);
    assertThat(options.cleanSource()).isEqualTo(CleanSourceMode.OFF);
  }

  @Test
  void fromMap_keysCaseInsensitive_timeStringsWithUnits() {
    FileStreamSourceOptions options =
        FileStreamSourceOptions.fromMap(
            Map.of(
                "MAXFILESPERTRIGGER", "5",
                "maxfileage", "2h",
                "LatestFirst", "TRUE",
                "cleanSource", "Archive",
                "sourceArchiveDir", "/archive"));
    assertThat(options.maxFilesPerTrigger()).isEqualTo(OptionalInt.of(5));
    assertThat(options.maxFileAgeMs()).isEqualTo(2 * 3600 * 1000L);
    assertThat(options.latestFirst()).isTrue();
    assertThat(options.cleanSource()).isEqualTo(CleanSourceMode.ARCHIVE);
    assertThat(options.sourceArchiveDir()).isEqualTo(Optional.of("/archive"));
    assertThat(FileStreamSourceOptions.fromMap(Map.of("maxFileAge", "1500")).maxFileAgeMs())
        .isEqualTo(1500);
    assertThat(FileStreamSourceOptions.fromMap(Map.of("maxFileAge", "3min")).maxFileAgeMs())
        .isEqualTo(180_000);
  }

  @Test
  void fromMap_invalidValues_failWithTheOptionNamed() {
    assertInvalid(
        Map.of("maxFilesPerTrigger", "0"), "INVALID_FILE_STREAM_OPTION", "maxFilesPerTrigger");
    assertInvalid(
        Map.of("maxFilesPerTrigger", "x"), "INVALID_FILE_STREAM_OPTION", "maxFilesPerTrigger");
    assertInvalid(
        Map.of("maxBytesPerTrigger", "-1"), "INVALID_FILE_STREAM_OPTION", "maxBytesPerTrigger");
    assertInvalid(Map.of("latestFirst", "yes"), "INVALID_FILE_STREAM_OPTION", "latestFirst");
    assertInvalid(Map.of("maxFileAge", "7 days"), "INVALID_FILE_STREAM_OPTION", "maxFileAge");
    assertInvalid(Map.of("cleanSource", "move"), "INVALID_FILE_STREAM_OPTION", "cleanSource");
    assertInvalid(
        Map.of("cleanSource", "archive"), "INVALID_FILE_STREAM_OPTION", "sourceArchiveDir");
  }

  @Test
  void fromMap_bothRateLimits_areRefused() {
    assertInvalid(
        Map.of("maxFilesPerTrigger", "1", "maxBytesPerTrigger", "1"),
        "CONFLICTING_FILE_STREAM_OPTIONS",
        "maxBytesPerTrigger");
  }
}
