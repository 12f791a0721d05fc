package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class SparkValueEncoderTest {
  @Test
  void encodeRow_scalars_keepExactValuesAndMarkNonFiniteDoubles() {
    StructType schema =
        new StructType()
            .add("i", DataTypes.IntegerType)
            .add("l", DataTypes.LongType)
            .add("d", DataTypes.DoubleType)
            .add("nan", DataTypes.DoubleType)
            .add("inf", DataTypes.FloatType)
            .add("dec", DataTypes.createDecimalType(10, 2))
            .add("s", DataTypes.StringType)
            .add("b", DataTypes.BinaryType)
            .add("n", DataTypes.StringType);

    String json =
        SparkValueEncoder.encodeRow(
                RowFactory.create(
                    7,
                    Long.MAX_VALUE,
                    0.1,
                    Double.NaN,
                    Float.NEGATIVE_INFINITY,
                    new BigDecimal("12.50"),
                    "é",
                    new byte[] {(byte) 0xCA, (byte) 0xFE},
                    null),
                schema)
            .toString();

    assertThat(json)
        .isEqualTo(
            "[7,9223372036854775807,0.1,\"NaN\",\"-Infinity\",\"12.50\",\"é\",\"yv4=\",null]");
  }

  @Test
  void encodeRow_datetimes_useIsoText() {
    StructType schema =
        new StructType()
            .add("ts", DataTypes.TimestampType)
            .add("dt", DataTypes.DateType)
            .add("iv", DataTypes.createDayTimeIntervalType());

    String json =
        SparkValueEncoder.encodeRow(
                RowFactory.create(
                    Instant.parse("2024-01-15T10:30:00.000001Z"),
                    LocalDate.of(2024, 2, 29),
                    Duration.ofMinutes(90)),
                schema)
            .toString();

    assertThat(json).isEqualTo("[\"2024-01-15T10:30:00.000001Z\",\"2024-02-29\",\"PT1H30M\"]");
  }

  @Test
  void encodeRow_nested_structsByNameArraysAndMapsAsPairs() {
    StructType inner =
        new StructType().add("x", DataTypes.IntegerType).add("y", DataTypes.StringType);
    StructType schema =
        new StructType()
            .add("st", inner)
            .add("arr", DataTypes.createArrayType(DataTypes.LongType))
            .add("m", DataTypes.createMapType(DataTypes.IntegerType, DataTypes.StringType));

    String json =
        SparkValueEncoder.encodeRow(
                RowFactory.create(
                    RowFactory.create(1, null),
                    CollectionConverters.asScala(Arrays.asList(1L, null, 3L)).toSeq(),
                    CollectionConverters.asScala(Map.of(5, "five"))),
                schema)
            .toString();

    assertThat(json).isEqualTo("[{\"x\":1,\"y\":null},[1,null,3],[[5,\"five\"]]]");
  }
}
