package io.tideline.internal.json;

import static io.tideline.internal.json.JsonTestSupport.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.Row;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRowDecoderTest {

  private static StructVector decode(String ddl, Map<String, String> options, String... json) {
    StructType schema = JsonTestSupport.schema(ddl);
    StructVector out = new StructVector(schema, json.length);
    new JsonRowDecoder(schema, options, ZoneOffset.UTC)
        .decode(strings(json), null, json.length, out);
    return out;
  }

  private static StructVector decode(String ddl, String... json) {
    return decode(ddl, Map.of(), json);
  }

  private static Row row(StructVector v, int i) {
    return (Row) v.getObject(i);
  }

  private static List<Object> values(StructVector v, int i) {
    Row r = row(v, i);
    Object[] out = new Object[r.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = r.get(k);
    }
    return Arrays.asList(out);
  }

  @Test
  void fromJson_flatRecord_decodesEveryType() {
    StructVector v =
        decode(
            "s STRING, i INT, l BIGINT, d DOUBLE, f FLOAT, b BOOLEAN, m DECIMAL(10,2), t TINYINT,"
                + " h SMALLINT",
            "{\"s\":\"x\u00e9\u20ac\ud83d\ude00\",\"i\":-7,\"l\":9007199254740993,\"d\":1.5e3,"
                + "\"f\":0.25,\"b\":true,\"m\":123.456,\"t\":-128,\"h\":300}");
    assertThat(values(v, 0))
        .containsExactly(
            "x\u00e9\u20ac\ud83d\ude00",
            -7,
            9007199254740993L,
            1500.0,
            0.25f,
            true,
            new BigDecimal("123.46"),
            (byte) -128,
            (short) 300);
  }

  @Test
  void fromJson_strings_plainEscapedQuotedAndUnicode() {
    StructVector v =
        decode(
            "a STRING, b STRING, c STRING, d STRING, e STRING",
            "{\"a\":\"plain id-42\",\"b\":\"tab\\tq\\\"\\u00e9\",\"c\":'it\"s',"
                + "\"d\":\"\",\"e\":\"caf\u00e9\"}");
    assertThat(values(v, 0))
        .containsExactly("plain id-42", "tab\tq\"\u00e9", "it\"s", "", "caf\u00e9");
  }

  @Test
  void fromJson_fieldsInAnyOrderAndUnknownKeys_matchByExactName() {
    StructVector v =
        decode(
            "a INT, B STRING",
            "{\"x\":{\"deep\":[1,{\"a\":2}]},\"B\":\"yes\",\"b\":\"lower\",\"a\":1}",
            "{\"A\":5}");
    assertThat(values(v, 0)).containsExactly(1, "yes");
    assertThat(values(v, 1)).containsExactly(null, null);
  }

  @Test
  void fromJson_duplicateKey_lastWins() {
    StructVector v = decode("a INT, s STRING", "{\"a\":1,\"s\":\"x\",\"a\":2,\"s\":\"y\"}");
    assertThat(values(v, 0)).containsExactly(2, "y");
  }

  @Test
  void fromJson_nullAndEmptyInput_giveNullStruct() {
    StructVector v = decode("a INT", (String) null, "", "   ", "{\"a\":null}", "{}");
    assertThat(v.isNullAt(0)).isTrue();
    assertThat(v.isNullAt(1)).isTrue();
    assertThat(v.isNullAt(2)).isTrue();
    assertThat(v.isNullAt(3)).isFalse();
    assertThat(values(v, 3)).containsExactly((Object) null);
    assertThat(values(v, 4)).containsExactly((Object) null);
  }

  @Test
  void fromJson_malformedInPermissive_givesStructOfNulls() {
    StructVector v =
        decode(
            "a INT, b STRING",
            "not json",
            "{\"a\":1,\"b\":",
            "[{\"a\":1}]",
            "42",
            "null",
            "{\"a\":1 \"b\":\"x\"}");
    for (int i = 0; i < 6; i++) {
      assertThat(v.isNullAt(i)).as("row %s", i).isFalse();
      assertThat(values(v, i)).as("row %s", i).containsExactly(null, null);
    }
  }

  @Test
  void fromJson_adjacentRecords_neverBleedIntoEachOther() {
    StructVector v =
        decode(
            "a INT",
            "{\"a\":",
            "1}",
            "{\"a\":2} trailing",
            "{\"a\":3}",
            " \t ",
            "4",
            "5",
            "{\"a\":6}\n",
            "{\"a\":7}{\"a\":8}",
            "{\"a\":9}");
    assertThat(JsonTestSupport.objects(v.child(0), 10))
        .containsExactly(null, null, 2, 3, null, null, null, 6, 7, 9);
    assertThat(v.isNullAt(4)).isTrue();
    assertThat(v.isNullAt(5)).isFalse();
  }

  @Test
  void fromJson_wrongTypeField_keepsOtherFields() {
    StructVector v =
        decode(
            "a INT, b STRING, c DOUBLE",
            "{\"a\":\"12\",\"b\":\"kept\",\"c\":2.5}",
            "{\"a\":{\"x\":[1,2]},\"b\":\"kept\",\"c\":true}");
    assertThat(values(v, 0)).containsExactly(null, "kept", 2.5);
    assertThat(values(v, 1)).containsExactly(null, "kept", null);
  }

  @Test
  void fromJson_numberReadAsString_keepsItsExactText() {
    StructVector v =
        decode(
            "a STRING, b STRING, c STRING, d STRING",
            "{\"a\":123.450,\"b\":true,\"c\":{\"x\" : [1, 2]},\"d\":[\"q\"]}");
    assertThat(values(v, 0)).containsExactly("123.450", "true", "{\"x\" : [1, 2]}", "[\"q\"]");
  }

  @Test
  void fromJson_integerOverflow_isNullInPermissive() {
    StructVector v =
        decode("i INT, t TINYINT, l BIGINT", "{\"i\":2147483648,\"t\":1000,\"l\":1e3}");
    assertThat(values(v, 0)).containsExactly(null, null, null);
  }

  @Test
  void fromJson_floatsFromSpecialStrings_onlyKnownNames() {
    StructVector v =
        decode(
            "a DOUBLE, b DOUBLE, c DOUBLE, d FLOAT, e DOUBLE",
            "{\"a\":\"NaN\",\"b\":\"-Infinity\",\"c\":\"+INF\",\"d\":\"Infinity\",\"e\":\"1.5\"}");
    assertThat(values(v, 0))
        .containsExactly(
            Double.NaN,
            Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            Float.POSITIVE_INFINITY,
            null);
  }

  @Test
  void fromJson_unquotedNaN_followsAllowNonNumericNumbers() {
    assertThat(values(decode("a DOUBLE", "{\"a\":NaN}"), 0)).containsExactly(Double.NaN);
    StructVector strict =
        decode("a DOUBLE, b INT", Map.of("allowNonNumericNumbers", "false"), "{\"a\":NaN}");
    assertThat(values(strict, 0)).containsExactly(null, null);
  }

  @Test
  void fromJson_emptyStringForNumber_isNull() {
    StructVector v = decode("a INT, b STRING", "{\"a\":\"\",\"b\":\"\"}");
    assertThat(values(v, 0)).containsExactly(null, "");
  }

  @Test
  void fromJson_decimals_areExactFromTextAndRoundHalfUp() {
    StructVector v =
        decode(
            "a DECIMAL(5,2), b DECIMAL(38,10), c DECIMAL(4,1), d DECIMAL(3,0), e DECIMAL(6,2)",
            "{\"a\":-0.005,\"b\":12345678901234567890.0123456789,\"c\":999.96,\"d\":1.5e2,"
                + "\"e\":\"1,234.5\"}");
    assertThat(values(v, 0))
        .containsExactly(
            new BigDecimal("-0.01"),
            new BigDecimal("12345678901234567890.0123456789"),
            null,
            new BigDecimal("150"),
            new BigDecimal("1234.50"));
  }

  @Test
  void fromJson_decimalTooWide_isNull() {
    StructVector v = decode("a DECIMAL(4,2), b DECIMAL(18,18)", "{\"a\":100.0,\"b\":5}");
    assertThat(values(v, 0)).containsExactly(null, null);
  }

  @Test
  void fromJson_decimalHugeExponents_areDecidedWithoutExpanding() {
    StructVector v =
        decode(
            "a DECIMAL(10,2), b DECIMAL(10,2), c DECIMAL(30,2), d DECIMAL(10,2)",
            "{\"a\":1e999999999,\"b\":1e-999999999,\"c\":-1e-999999999,\"d\":0e99}");
    assertThat(values(v, 0))
        .containsExactly(
            null, new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"));
  }

  @Test
  void fromJson_nestedStructsArraysAndMaps() {
    StructVector v =
        decode(
            "o STRUCT<x: INT, y: ARRAY<STRING>>, a ARRAY<STRUCT<k: STRING>>,"
                + " m MAP<STRING, BIGINT>, aa ARRAY<ARRAY<INT>>",
            "{\"o\":{\"y\":[\"p\",null,\"q\"],\"x\":3},\"a\":[{\"k\":\"1\"},null,{}],"
                + "\"m\":{\"u\":1,\"v\":null,\"w\":\"bad\",\"z\":4},\"aa\":[[1,2],[],[3]]}",
            "{\"o\":null,\"a\":[],\"m\":{}}");
    Row o = (Row) row(v, 0).get(0);
    assertThat(o.get(0)).isEqualTo(3);
    assertThat(o.getList(1)).containsExactly("p", null, "q");
    List<?> a = (List<?>) row(v, 0).get(1);
    assertThat(a).hasSize(3);
    assertThat(((Row) a.get(0)).get(0)).isEqualTo("1");
    assertThat(a.get(1)).isNull();
    assertThat(((Row) a.get(2)).get(0)).isNull();
    Map<?, ?> m = (Map<?, ?>) row(v, 0).get(2);
    assertThat(new java.util.ArrayList<Object>(m.keySet())).containsExactly("u", "v", "z");
    assertThat(new java.util.ArrayList<Object>(m.values())).containsExactly(1L, null, 4L);
    assertThat(row(v, 0).get(3)).isEqualTo(List.of(List.of(1, 2), List.of(), List.of(3)));
    assertThat(values(v, 1)).containsExactly(null, List.of(), Map.of(), null);
  }

  @Test
  void fromJson_duplicateMapKey_failsAsSparksDefaultPolicy() {
    assertThatThrownBy(() -> decode("m MAP<STRING, INT>", "{\"m\":{\"k\":1,\"j\":2,\"k\":3}}"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("Duplicate map key k")
        .extracting(e -> ((ExecutionException) e).getCondition())
        .isEqualTo("DUPLICATED_MAP_KEY");
  }

  @Test
  void fromJson_arrayElementOfWrongType_becomesNullElement() {
    StructVector v = decode("a ARRAY<INT>, b STRING", "{\"a\":[1,\"x\",3],\"b\":\"ok\"}");
    assertThat(values(v, 0)).containsExactly(Arrays.asList(1, null, 3), "ok");
  }

  @Test
  void fromJson_corruptRecordColumn_holdsRawTextOfBadRecords() {
    StructVector v =
        decode(
            "a INT, _corrupt_record STRING",
            "{\"a\":1}",
            "{\"a\":\"x\"}",
            "{broken",
            "{\"a\":2,\"_corrupt_record\":\"from data\"}");
    assertThat(values(v, 0)).containsExactly(1, null);
    assertThat(values(v, 1)).containsExactly(null, "{\"a\":\"x\"}");
    assertThat(values(v, 2)).containsExactly(null, "{broken");
    assertThat(values(v, 3)).containsExactly(2, null);
  }

  @Test
  void fromJson_customCorruptRecordColumnName() {
    StructVector v = decode("a INT, bad STRING", Map.of("columnNameOfCorruptRecord", "bad"), "[1]");
    assertThat(values(v, 0)).containsExactly(null, "[1]");
  }

  @Test
  void fromJson_corruptRecordColumnNotString_isRefused() {
    StructType schema = JsonTestSupport.schema("a INT, _corrupt_record INT");
    assertThatThrownBy(() -> new JsonRowDecoder(schema, Map.of(), ZoneOffset.UTC))
        .isInstanceOf(AnalysisException.class)
        .extracting(e -> ((AnalysisException) e).getCondition())
        .isEqualTo("INVALID_CORRUPT_RECORD_TYPE");
  }

  @Test
  void fromJson_failFast_throwsMalformedRecordNamingTheRecord() {
    assertThatThrownBy(() -> decode("a INT", Map.of("mode", "FAILFAST"), "{\"a\":1}", "{\"a\":"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION]")
        .hasMessageContaining("{\"a\":")
        .hasMessageContaining("PERMISSIVE")
        .extracting(e -> ((ExecutionException) e).getCondition())
        .isEqualTo("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
  }

  @Test
  void fromJson_failFast_wrongTypedFieldNamesTheField() {
    assertThatThrownBy(() -> decode("a INT", Map.of("mode", "failfast"), "{\"a\":\"x\"}"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("field `a`")
        .hasMessageContaining("INT");
  }

  @Test
  void fromJson_failFast_longRecordIsTruncatedInMessage() {
    String longRecord = "{\"a\":\"" + "x".repeat(5000);
    assertThatThrownBy(() -> decode("a STRING", Map.of("mode", "FAILFAST"), longRecord))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1000));
  }

  @Test
  void fromJson_dropMalformed_isRefusedAsInSpark() {
    StructType schema = JsonTestSupport.schema("a INT");
    assertThatThrownBy(
            () -> new JsonRowDecoder(schema, Map.of("MODE", "DROPMALFORMED"), ZoneOffset.UTC))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("`from_json`")
        .extracting(e -> ((AnalysisException) e).getCondition())
        .isEqualTo("PARSE_MODE_UNSUPPORTED");
  }

  @Test
  void fromJson_otherEncoding_isRefusedClearly() {
    StructType schema = JsonTestSupport.schema("a INT");
    assertThatThrownBy(
            () -> new JsonRowDecoder(schema, Map.of("encoding", "UTF-16"), ZoneOffset.UTC))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void fromJson_selectedRows_writeSamePhysicalRowsOnly() {
    StructType schema = JsonTestSupport.schema("a INT");
    BytesVector in = strings("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
    StructVector out = new StructVector(schema, 3);
    out.child(0).setNull(1);
    new JsonRowDecoder(schema, Map.of(), ZoneOffset.UTC).decode(in, new int[] {0, 2}, 2, out);
    assertThat(out.child(0).getObject(0)).isEqualTo(1);
    assertThat(out.child(0).isNullAt(1)).isTrue();
    assertThat(out.child(0).getObject(2)).isEqualTo(3);
  }

  @Test
  void fromJson_jsonReaderOptions_commentsUnquotedNamesSingleQuotesLeadingZeros() {
    StructVector v =
        decode(
            "a INT, b STRING",
            Map.of(
                "allowComments", "true",
                "allowUnquotedFieldNames", "true",
                "allowNumericLeadingZeros", "true"),
            "{/* c */ a: 007, 'b': 'x'}");
    assertThat(values(v, 0)).containsExactly(7, "x");
    StructVector strict =
        decode("a INT, b STRING", Map.of("allowSingleQuotes", "false"), "{'b':'x'}");
    assertThat(values(strict, 0)).containsExactly(null, null);
    StructVector noZeros = decode("a INT", "{\"a\":007}");
    assertThat(values(noZeros, 0)).containsExactly((Object) null);
  }

  @Test
  void fromJson_backslashEscapingAnyCharacter_isAnOption() {
    assertThat(values(decode("b STRING", "{\"b\":\"a\\qb\"}"), 0)).containsExactly((Object) null);
    StructVector v =
        decode(
            "b STRING", Map.of("allowBackslashEscapingAnyCharacter", "true"), "{\"b\":\"a\\qb\"}");
    assertThat(values(v, 0)).containsExactly("aqb");
  }

  @Test
  void fromJson_binaryIsBase64_andNullTypeIsNull() {
    StructVector v = decode("b BINARY", "{\"b\":\"AQID\"}");
    assertThat((byte[]) row(v, 0).get(0)).containsExactly(1, 2, 3);
  }

  @Test
  void fromJson_dateInDefaultFormat_usesFastPath() {
    StructVector v = decode("d DATE", "{\"d\":\"2024-02-29\"}", "{\"d\":1}");
    assertThat(values(v, 0)).containsExactly(LocalDate.of(2024, 2, 29));
    assertThat(values(v, 1)).containsExactly((Object) null);
  }

  @Test
  void fromJson_isoTimestampWithOffset_usesFastPath() {
    StructVector v =
        decode(
            "t TIMESTAMP",
            "{\"t\":\"2024-01-15T10:30:00Z\"}",
            "{\"t\":\"2024-01-15T10:30:00.123456+01:00\"}",
            "{\"t\":1700000000}",
            "{\"t\":true}",
            "{\"t\":\"2024-01-15 10:30:00.5Z\"}");
    assertThat(values(v, 0)).containsExactly(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(values(v, 1)).containsExactly(Instant.parse("2024-01-15T09:30:00.123456Z"));
    assertThat(values(v, 2)).containsExactly(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(values(v, 3)).containsExactly((Object) null);
    assertThat(values(v, 4)).containsExactly(Instant.parse("2024-01-15T10:30:00.5Z"));
  }

  @Test
  void fromJson_localTimestampInUtcRegionZone_usesFastPath() {
    StructType schema = JsonTestSupport.schema("t TIMESTAMP");
    StructVector out = new StructVector(schema, 1);
    new JsonRowDecoder(schema, Map.of(), java.time.ZoneId.of("UTC"))
        .decode(strings("{\"t\":\"2024-01-15T10:30:00.5\"}"), null, 1, out);
    assertThat(values(out, 0)).containsExactly(Instant.parse("2024-01-15T10:30:00.5Z"));
  }

  @Test
  void fromJson_invalidIsoFieldValues_areNotAcceptedByFastPath() {
    assertThat(
            IsoDateTimes.parseTimestamp(
                "2024-02-30T10:00:00Z".toCharArray(), 0, 20, ZoneOffset.UTC))
        .isEqualTo(IsoDateTimes.NOT_HANDLED);
    assertThat(
            IsoDateTimes.parseTimestamp(
                "2024-01-15T24:00:00Z".toCharArray(), 0, 20, ZoneOffset.UTC))
        .isEqualTo(IsoDateTimes.NOT_HANDLED);
    assertThat(IsoDateTimes.parseDate("2023-02-29".toCharArray(), 0, 10))
        .isEqualTo(IsoDateTimes.DATE_NOT_HANDLED);
    assertThat(IsoDateTimes.parseDate("1969-12-31".toCharArray(), 0, 10)).isEqualTo(-1);
    assertThat(IsoDateTimes.parseDate("0001-01-01".toCharArray(), 0, 10))
        .isEqualTo((int) LocalDate.of(1, 1, 1).toEpochDay());
  }

  /** Needs the datetime engineer's TimestampFormatter and DateTimeUtils (stubs on this branch). */
  @Test
  void fromJson_timestampOtherForms_useFormatterAndFallback() {
    StructVector v =
        decode(
            "t TIMESTAMP, d DATE",
            "{\"t\":\"2024-01-15 10:30:00\",\"d\":\"2024-1-5\"}",
            "{\"t\":\"garbage\",\"d\":\"garbage\"}");
    assertThat(values(v, 0))
        .containsExactly(Instant.parse("2024-01-15T10:30:00Z"), LocalDate.of(2024, 1, 5));
    assertThat(values(v, 1)).containsExactly(null, null);
  }

  /** Needs the datetime engineer's TimestampFormatter (a stub on this branch). */
  @Test
  void fromJson_userTimestampFormat_disablesFallback() {
    StructVector v =
        decode(
            "t TIMESTAMP",
            Map.of("timestampFormat", "dd/MM/yyyy HH:mm"),
            "{\"t\":\"15/01/2024 10:30\"}",
            "{\"t\":\"2024-01-15T10:30:00Z\"}");
    assertThat(values(v, 0)).containsExactly(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(values(v, 1)).containsExactly((Object) null);
  }
}
