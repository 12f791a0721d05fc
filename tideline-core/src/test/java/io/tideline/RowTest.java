package io.tideline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RowTest {

  @Test
  void equality_isByValueWithBytesByContentAndDecimalsByNumber() {
    assertThat(Row.of("a", new byte[] {1, 2}, new BigDecimal("1.50")))
        .isEqualTo(Row.of("a", new byte[] {1, 2}, new BigDecimal("1.5")))
        .hasSameHashCodeAs(Row.of("a", new byte[] {1, 2}, new BigDecimal("1.5")));
    assertThat(Row.of(1L, null)).isNotEqualTo(Row.of(1L, 2L));
    assertThat(Row.of(1L)).isNotEqualTo(Row.of(1));
  }

  @Test
  void getAs_byNameUsesTheSchema() {
    StructType schema =
        new StructType().add("product", DataTypes.StringType).add("n", DataTypes.LongType);
    Row r = Row.withSchema(schema, "widget", 3L);
    assertThat(r.<String>getAs("product")).isEqualTo("widget");
    assertThat(r.getLong(1)).isEqualTo(3L);
    assertThatThrownBy(() -> r.getAs("produt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("produt")
        .hasMessageContaining("product");
  }

  @Test
  void getAs_byNameWithoutSchemaSaysHowToFix() {
    assertThatThrownBy(() -> Row.of(1).getAs("x"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("Row.withSchema");
  }

  @Test
  void primitiveGetterOnNull_namesTheIndex() {
    assertThatThrownBy(() -> Row.of((Object) null).getLong(0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("isNullAt(0)");
  }

  @Test
  void toString_isSparksForm() {
    assertThat(Row.of("a", 1, null)).hasToString("[a,1,null]");
  }
}
