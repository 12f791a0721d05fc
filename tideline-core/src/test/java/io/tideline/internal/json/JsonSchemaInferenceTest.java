package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.ExecutionException;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaInferenceTest {

  private static StructType infer(Map<String, String> options, String... records) {
    JsonSchemaInference inference =
        new JsonSchemaInference(new JsonOptions(options, ZoneOffset.UTC));
    for (String r : records) {
      byte[] b = r.getBytes(StandardCharsets.UTF_8);
      inference.add(b, 0, b.length, " in test");
    }
    return inference.result();
  }

  private static StructType infer(String... records) {
    return infer(Map.of(), records);
  }

  private static StructType schema(String ddl) {
    return JsonTestSupport.schema(ddl);
  }

  @Test
  void infer_primitives_asSparkDoes() {
    assertThat(
            infer(
                "{\"s\":\"x\",\"i\":1,\"d\":1.5,\"b\":true,\"n\":null,\"t\":\"2024-01-01T00:00:00Z\"}"))
        .isEqualTo(schema("b BOOLEAN, d DOUBLE, i BIGINT, n STRING, s STRING, t STRING"));
  }

  @Test
  void infer_fieldsAreSortedByName_acrossRecords() {
    assertThat(infer("{\"b\":1,\"B\":1}", "{\"a\":1,\"_x\":1}"))
        .isEqualTo(schema("B BIGINT, _x BIGINT, a BIGINT, b BIGINT"));
  }

  @Test
  void infer_conflictingTypes_widenAsSpark() {
    assertThat(
            infer(
                "{\"a\":1,\"b\":1,\"c\":true,\"d\":{\"x\":1},\"e\":[1],\"f\":1.5,\"g\":null}",
                "{\"a\":2.5,\"b\":\"s\",\"c\":1,\"d\":\"s\",\"e\":[1.5,null],\"f\":[1],\"g\":3}"))
        .isEqualTo(
            schema("a DOUBLE, b STRING, c STRING, d STRING, e ARRAY<DOUBLE>, f STRING, g BIGINT"));
  }

  @Test
  void infer_nestedStructsMerge() {
    assertThat(infer("{\"o\":{\"b\":1}}", "{\"o\":{\"a\":\"x\",\"b\":2.0}}", "{\"o\":null}"))
        .isEqualTo(schema("o STRUCT<a: STRING, b: DOUBLE>"));
  }

  @Test
  void infer_bigNumbers_becomeDecimalOrDouble() {
    assertThat(infer("{\"a\":12345678901234567890,\"b\":1e400}"))
        .isEqualTo(schema("a DECIMAL(20,0), b DOUBLE"));
    assertThat(infer("{\"a\":12345678901234567890}", "{\"a\":1}"))
        .isEqualTo(schema("a DECIMAL(20,0)"));
  }

  @Test
  void infer_prefersDecimal_makesDecimalsFromFloats() {
    assertThat(infer(Map.of("prefersDecimal", "true"), "{\"a\":1.25}", "{\"a\":10.5}"))
        .isEqualTo(schema("a DECIMAL(4,2)"));
  }

  @Test
  void infer_prefersDecimal_readsDecimalStringsButNotNarrowFractions() {
    assertThat(
            infer(Map.of("prefersDecimal", "true"), "{\"a\":\"12.50\",\"b\":\"0.05\",\"c\":\"x\"}"))
        .isEqualTo(schema("a DECIMAL(4,2), b STRING, c STRING"));
  }

  @Test
  void infer_primitivesAsString() {
    assertThat(infer(Map.of("primitivesAsString", "true"), "{\"a\":1,\"b\":true,\"c\":[2.5]}"))
        .isEqualTo(schema("a STRING, b STRING, c ARRAY<STRING>"));
  }

  @Test
  void infer_allNullAndEmptyFields_stringOrDropped() {
    assertThat(infer("{\"a\":null,\"b\":[],\"c\":{},\"d\":1}"))
        .isEqualTo(schema("a STRING, b ARRAY<STRING>, d BIGINT"));
    assertThat(infer(Map.of("dropFieldIfAllNull", "true"), "{\"a\":null,\"b\":[],\"d\":1}"))
        .isEqualTo(schema("d BIGINT"));
  }

  @Test
  void infer_malformedRecords_addCorruptColumnInPermissive() {
    assertThat(infer("{\"b\":1}", "{bad", "", "42"))
        .isEqualTo(schema("_corrupt_record STRING, b BIGINT"));
    assertThat(infer(Map.of("columnNameOfCorruptRecord", "zz"), "{\"b\":1}", "{bad"))
        .isEqualTo(schema("b BIGINT, zz STRING"));
    assertThat(infer("{\"b\":1}", "")).isEqualTo(schema("b BIGINT"));
  }

  @Test
  void infer_malformedRecords_ignoredInDropMalformed_failInFailFast() {
    assertThat(infer(Map.of("mode", "DROPMALFORMED"), "{\"b\":1}", "{bad", "[1]"))
        .isEqualTo(schema("b BIGINT"));
    assertThatThrownBy(() -> infer(Map.of("mode", "FAILFAST"), "{\"b\":1}", "{bad"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("MALFORMED_RECORD_IN_SCHEMA_INFERENCE")
        .hasMessageContaining("{bad");
  }

  @Test
  void infer_topLevelArrayOfObjects_givesRowSchema() {
    assertThat(infer("[{\"a\":1},{\"b\":\"x\"}]")).isEqualTo(schema("a BIGINT, b STRING"));
  }

  @Test
  void compatible_decimalsAndIntegers_widenLikeSpark() {
    DataType d52 = DataTypes.createDecimalType(5, 2);
    assertThat(JsonSchemaInference.compatible(d52, DataTypes.LongType))
        .isEqualTo(DataTypes.createDecimalType(22, 2));
    assertThat(JsonSchemaInference.compatible(d52, DataTypes.createDecimalType(10, 0)))
        .isEqualTo(DataTypes.createDecimalType(12, 2));
    assertThat(JsonSchemaInference.compatible(d52, DataTypes.DoubleType))
        .isEqualTo(DataTypes.DoubleType);
    assertThat(
            JsonSchemaInference.compatible(
                DataTypes.createDecimalType(38, 0), DataTypes.createDecimalType(38, 38)))
        .isEqualTo(DataTypes.DoubleType);
    assertThat(JsonSchemaInference.compatible(DataTypes.BooleanType, DataTypes.LongType))
        .isEqualTo(DataTypes.StringType);
  }
}
