package io.tideline.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataTypeParserTest {

  private static DataType t(String text) {
    return DataTypeParser.parseType(text);
  }

  @ParameterizedTest
  @CsvSource({
    "boolean, boolean",
    "tinyint, tinyint",
    "BYTE, tinyint",
    "smallint, smallint",
    "short, smallint",
    "int, int",
    "Integer, int",
    "bigint, bigint",
    "long, bigint",
    "float, float",
    "real, float",
    "double, double",
    "string, string",
    "varchar(10), string",
    "char(3), string",
    "binary, binary",
    "date, date",
    "timestamp, timestamp",
    "timestamp_ltz, timestamp",
    "void, void",
    "decimal, 'decimal(10,0)'",
    "dec(5), 'decimal(5,0)'",
    "'NUMERIC(38, 38)', 'decimal(38,38)'",
    "interval day to second, interval day to second",
    "interval hour, interval day to second",
    "interval minute to second, interval day to second",
    "interval year to month, interval year to month",
    "interval month, interval year to month",
  })
  void atomicNamesAndAliases(String text, String simpleString) {
    assertThat(t(text).simpleString()).isEqualTo(simpleString);
  }

  @Test
  void nestedTypes() {
    assertThat(t("array<int>")).isEqualTo(DataTypes.createArrayType(DataTypes.IntegerType));
    assertThat(t("ARRAY<ARRAY<STRING>>"))
        .isEqualTo(DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.StringType)));
    assertThat(t("map<string, decimal(10,2)>"))
        .isEqualTo(
            DataTypes.createMapType(DataTypes.StringType, DataTypes.createDecimalType(10, 2)));
    assertThat(t("struct<a:int, `b c` string NOT NULL COMMENT 'note', end: date>"))
        .isEqualTo(
            new StructType(
                new StructField("a", DataTypes.IntegerType),
                new StructField("b c", DataTypes.StringType, false, "note"),
                new StructField("end", DataTypes.DateType)));
    assertThat(t("struct<>")).isEqualTo(new StructType());
  }

  @Test
  void schema_ddlWithNotNullAndComment() {
    assertThat(
            StructType.fromDDL(
                "order_id STRING NOT NULL, amount DOUBLE COMMENT 'in EUR', ts TIMESTAMP"))
        .isEqualTo(
            new StructType(
                new StructField("order_id", DataTypes.StringType, false),
                new StructField("amount", DataTypes.DoubleType, true, "in EUR"),
                new StructField("ts", DataTypes.TimestampType)));
  }

  @Test
  void schema_structStringForm() {
    assertThat(StructType.fromDDL("struct<a:int,b:array<string>>"))
        .isEqualTo(
            new StructType()
                .add("a", DataTypes.IntegerType)
                .add("b", DataTypes.createArrayType(DataTypes.StringType)));
  }

  @Test
  void schema_fieldNamedStruct_isNotTheStructForm() {
    assertThat(StructType.fromDDL("struct STRING, x INT").fieldNames())
        .containsExactly("struct", "x");
  }

  @Test
  void schema_blank_isEmpty() {
    assertThat(StructType.fromDDL("  ")).isEqualTo(new StructType());
  }

  @Test
  void structTypeAdd_withTypeString() {
    assertThat(new StructType().add("m", "map<string,bigint>").field(0).dataType())
        .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));
  }

  @Test
  void treeString_nestedSchema_matchesSparkFormat() {
    StructType schema =
        StructType.fromDDL(
            "id BIGINT NOT NULL, data STRUCT<amount: DECIMAL(10,2), tags: ARRAY<STRING>>,"
                + " attrs MAP<STRING, STRUCT<n: INT>>, events ARRAY<STRUCT<ts: TIMESTAMP>>,"
                + " b TINYINT, d DATE, span INTERVAL DAY TO SECOND");
    assertThat(schema.treeString())
        .isEqualTo(
            String.join(
                "\n",
                List.of(
                    "root",
                    " |-- id: long (nullable = false)",
                    " |-- data: struct (nullable = true)",
                    " |    |-- amount: decimal(10,2) (nullable = true)",
                    " |    |-- tags: array (nullable = true)",
                    " |    |    |-- element: string (containsNull = true)",
                    " |-- attrs: map (nullable = true)",
                    " |    |-- key: string",
                    " |    |-- value: struct (valueContainsNull = true)",
                    " |    |    |-- n: integer (nullable = true)",
                    " |-- events: array (nullable = true)",
                    " |    |-- element: struct (containsNull = true)",
                    " |    |    |-- ts: timestamp (nullable = true)",
                    " |-- b: byte (nullable = true)",
                    " |-- d: date (nullable = true)",
                    " |-- span: interval day to second (nullable = true)",
                    "")));
  }
}
