package io.tideline.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamingQueryExceptionTest {

  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-000000000002");

  @Test
  void message_namesQueryBatchAndCause_conditionIsSparksStreamFailed() {
    StreamingQueryException e =
        new StreamingQueryException(
            "orders_bronze", ID, RUN, 7, new IllegalStateException("disk full"));
    assertThat(e.getMessage())
        .contains("orders_bronze")
        .contains(ID.toString())
        .contains(RUN.toString())
        .contains("batch 7")
        .contains("disk full");
    assertThat(e.getCondition()).isEqualTo("STREAM_FAILED");
    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(e.batchId()).isEqualTo(7);
  }

  @Test
  void message_beforeTheFirstBatch_saysSo() {
    StreamingQueryException e =
        new StreamingQueryException(null, ID, RUN, -1, new RuntimeException("no source"));
    assertThat(e.getMessage()).startsWith("Query [id = ").contains("before its first batch");
    assertThat(e.queryName()).isNull();
  }
}
