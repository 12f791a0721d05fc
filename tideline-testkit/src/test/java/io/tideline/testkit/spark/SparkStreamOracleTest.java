package io.tideline.testkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkStreamOracleTest {
  @Test
  void parseAnswers_readsBatchesProgressAndBothKindsOfFailure() throws Exception {
    Map<String, StreamOracleAnswer> answers =
        SparkStreamOracle.parseAnswers(
            List.of(
                "{\"id\":\"ok\",\"batches\":[{\"batchId\":0,\"schema\":\"id BIGINT\","
                    + "\"rows\":[[1],[2]]},{\"batchId\":1,\"schema\":\"id BIGINT\",\"rows\":[]}],"
                    + "\"progress\":[{\"batchId\":0,\"numInputRows\":2}]}",
                "",
                "{\"id\":\"cast\",\"batches\":[{\"batchId\":0,\"schema\":\"n INT\",\"rows\":[[1]]}],"
                    + "\"progress\":[],\"error\":{\"condition\":\"STREAM_FAILED\","
                    + "\"causeConditions\":[\"CAST_INVALID_INPUT\"],\"exception\":\"E\","
                    + "\"message\":\"m\",\"batchId\":1}}",
                "{\"id\":\"refused\",\"batches\":[],\"progress\":[],\"startError\":{\"condition\":"
                    + "\"STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION\",\"causeConditions\":[],"
                    + "\"exception\":\"A\",\"message\":\"no\"}}"));

    assertThat(answers.keySet()).containsExactly("ok", "cast", "refused");
    StreamOracleAnswer ok = answers.get("ok");
    assertThat(ok.batches()).extracting(StreamOracleAnswer.Batch::batchId).containsExactly(0L, 1L);
    assertThat(ok.batches().get(0).rows()).hasSize(2);
    assertThat(ok.batches().get(1).rows()).isEmpty();
    assertThat(ok.progress().get(0).get("numInputRows").asLong()).isEqualTo(2);
    assertThat(ok.error()).isEmpty();
    assertThat(ok.failedBatchId()).isEqualTo(-1);

    StreamOracleAnswer cast = answers.get("cast");
    assertThat(cast.error().orElseThrow().causeConditions()).containsExactly("CAST_INVALID_INPUT");
    assertThat(cast.failedBatchId()).isEqualTo(1);
    assertThat(cast.startError()).isEmpty();

    StreamOracleAnswer refused = answers.get("refused");
    assertThat(refused.startError().orElseThrow().condition())
        .contains("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
    assertThat(refused.error()).isEmpty();
  }
}
