package io.tideline.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCatalogTest {
  @TempDir Path warehouse;

  private void makeTable(Path folder) throws IOException {
    Files.createDirectories(folder.resolve("_delta_log"));
  }

  @Test
  void pathOf_followsSparksWarehouseLayout() {
    TableCatalog catalog = TableCatalog.at(warehouse);
    assertThat(catalog.pathOf("orders")).isEqualTo(warehouse.resolve("orders"));
    assertThat(catalog.pathOf("default.orders")).isEqualTo(warehouse.resolve("orders"));
    assertThat(catalog.pathOf("Bronze.Kafka_Orders"))
        .isEqualTo(warehouse.resolve("bronze.db").resolve("kafka_orders"));
  }

  @Test
  void aTableExistsOnceItsFolderHoldsADeltaLog() throws IOException {
    TableCatalog catalog = TableCatalog.at(warehouse);
    Files.createDirectories(catalog.pathOf("silver.orders"));
    assertThat(catalog.exists("silver.orders")).isFalse();
    makeTable(catalog.pathOf("silver.orders"));
    assertThat(catalog.exists("SILVER.ORDERS")).isTrue();
  }

  @Test
  void tables_listsEveryTableOfEverySchema_sorted_andSkipsOtherFolders() throws IOException {
    TableCatalog catalog = TableCatalog.at(warehouse);
    makeTable(catalog.pathOf("gold.order_counts_5min"));
    makeTable(catalog.pathOf("bronze.kafka_orders"));
    makeTable(catalog.pathOf("scratch"));
    Files.createDirectories(warehouse.resolve("not_a_table"));
    Files.createDirectories(warehouse.resolve("empty.db").resolve("nothing"));

    assertThat(catalog.tables())
        .containsExactly("bronze.kafka_orders", "default.scratch", "gold.order_counts_5min");
  }

  @Test
  void tables_ofAMissingWarehouse_isEmpty() {
    assertThat(TableCatalog.at(warehouse.resolve("nowhere")).tables()).isEmpty();
  }

  @Test
  void existingPathOf_aMissingTable_namesItTheWarehouseAndTheTablesThatExist() throws IOException {
    TableCatalog catalog = TableCatalog.at(warehouse);
    makeTable(catalog.pathOf("bronze.kafka_orders"));

    assertThatThrownBy(() -> catalog.existingPathOf("silver.orders"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[TABLE_OR_VIEW_NOT_FOUND]")
        .hasMessageContaining("`silver`.`orders`")
        .hasMessageContaining(warehouse.toString())
        .hasMessageContaining("[bronze.kafka_orders]");
  }
}
