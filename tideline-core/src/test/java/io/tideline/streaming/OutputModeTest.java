package io.tideline.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputModeTest {

  @ParameterizedTest
  @CsvSource({
    "append, APPEND",
    "Append, APPEND",
    "APPEND, APPEND",
    "complete, COMPLETE",
    "Complete, COMPLETE",
    "update, UPDATE",
    "UpDaTe, UPDATE"
  })
  void fromString_acceptsTheThreeModesInAnyCase(String text, OutputMode expected) {
    assertThat(OutputMode.fromString(text)).isEqualTo(expected);
  }

  @Test
  void fromString_unknownMode_failsWithSparksCondition() {
    assertThatThrownBy(() -> OutputMode.fromString("Xyz"))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("STREAMING_OUTPUT_MODE.INVALID");
              assertThat(e.getSqlState()).isEqualTo("42KDE");
              assertThat(e.parameters()).containsEntry("outputMode", "Xyz");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "[STREAMING_OUTPUT_MODE.INVALID] Invalid streaming output mode: Xyz."
                          + " Accepted output modes are 'Append', 'Complete', 'Update'.");
            });
  }

  @Test
  void fromString_nullOrPadded_isRefused() {
    assertThatThrownBy(() -> OutputMode.fromString(null)).isInstanceOf(TidelineException.class);
    assertThatThrownBy(() -> OutputMode.fromString(" append"))
        .isInstanceOf(TidelineException.class);
  }

  @Test
  void factories_andNames_areSparks() {
    assertThat(OutputMode.Append()).isEqualTo(OutputMode.APPEND);
    assertThat(OutputMode.Complete()).isEqualTo(OutputMode.COMPLETE);
    assertThat(OutputMode.Update()).isEqualTo(OutputMode.UPDATE);
    assertThat(OutputMode.Append()).hasToString("Append");
    assertThat(OutputMode.Complete()).hasToString("Complete");
    assertThat(OutputMode.Update()).hasToString("Update");
  }
}
