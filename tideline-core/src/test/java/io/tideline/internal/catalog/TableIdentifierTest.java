package io.tideline.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableIdentifierTest {

  @Test
  void onePartName_isInTheDefaultSchema() {
    assertThat(TableIdentifier.parse("orders")).isEqualTo(new TableIdentifier("default", "orders"));
  }

  @Test
  void twoPartName_isSchemaAndTable_lowerCased() {
    assertThat(TableIdentifier.parse("Bronze.Kafka_Orders"))
        .isEqualTo(new TableIdentifier("bronze", "kafka_orders"));
  }

  @Test
  void backticksAndTheSessionCatalogPrefix_areAccepted() {
    assertThat(TableIdentifier.parse("`gold`.`order_counts_5min`").qualified())
        .isEqualTo("gold.order_counts_5min");
    assertThat(TableIdentifier.parse("spark_catalog.silver.orders").qualified())
        .isEqualTo("silver.orders");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        "../etc",
        "a/b",
        "a\\b",
        "bronze..orders",
        ".orders",
        "orders.",
        "a.b.c",
        "order-counts",
        "orders table",
        "`a/b`",
        "/tmp/x"
      })
  void namesThatAreNotLettersDigitsAndUnderscores_areRefused(String name) {
    assertThatThrownBy(() -> TableIdentifier.parse(name))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[INVALID_SCHEMA_OR_RELATION_NAME]")
        .hasMessageContaining("`" + name + "`")
        .hasMessageContaining("alphabet characters, numbers and _");
  }
}
