package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataGenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void writeLines_firstRecord_hasTheSeedOrderSchemaInFixedForm() throws IOException {
    String first = lines(DataGen.DEFAULT_SEED, 0, 1).get(0);

    assertThat(first)
        .matches(
            "\\{\"order_id\":\"o-0000000000\",\"customer_id\":\"c-\\d{6}\","
                + "\"product\":\"[a-z]+\",\"amount\":\\d{1,3}\\.\\d\\d,"
                + "\"order_time\":\"2024-01-15T00:00:\\d\\dZ\"}");
    JsonNode node = JSON.readTree(first);
    assertThat(node.fieldNames())
        .toIterable()
        .containsExactly("order_id", "customer_id", "product", "amount", "order_time");
  }

  @Test
  void writeLines_sameSeed_givesSameBytes_otherSeedDiffers() throws IOException {
    assertThat(lines(7, 0, 500)).isEqualTo(lines(7, 0, 500));
    assertThat(lines(8, 0, 500)).isNotEqualTo(lines(7, 0, 500));
  }

  @Test
  void writeLines_recordDependsOnlyOnItsIndex() throws IOException {
    List<String> whole = lines(7, 0, 300);

    assertThat(lines(7, 100, 300)).isEqualTo(whole.subList(100, 300));
  }

  @Test
  void writeLines_valuesAreValidAndSpreadAsDocumented() throws IOException {
    int n = 20_000;
    Map<String, Integer> perProduct = new TreeMap<>();
    int atMost100 = 0;
    int exactly100 = 0;
    for (String line : lines(DataGen.DEFAULT_SEED, 0, n)) {
      JsonNode node = JSON.readTree(line);
      perProduct.merge(node.get("product").asText(), 1, Integer::sum);
      double amount = node.get("amount").asDouble();
      assertThat(amount).isBetween(1.0, 500.0);
      atMost100 += amount <= 100 ? 1 : 0;
      exactly100 += amount == 100.0 ? 1 : 0;
      Instant time = Instant.parse(node.get("order_time").asText());
      assertThat(time)
          .isBetween(Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-01-16T00:00:00Z"));
    }

    assertThat(perProduct).hasSize(8);
    assertThat(perProduct.values())
        .allSatisfy(c -> assertThat(c).isBetween(n / 8 - 400, n / 8 + 400));
    assertThat(atMost100).isBetween(n / 10, n * 3 / 10);
    assertThat(exactly100).isGreaterThanOrEqualTo(n / 1000);
  }

  @Test
  void expectedTotals_matchAnIndependentAggregationOfTheLines() throws IOException {
    int n = 5_000;
    Map<String, double[]> byProduct = new TreeMap<>();
    for (String line : lines(DataGen.DEFAULT_SEED, 0, n)) {
      JsonNode node = JSON.readTree(line);
      double amount = node.get("amount").asDouble();
      if (amount > 100) {
        double[] acc = byProduct.computeIfAbsent(node.get("product").asText(), p -> new double[2]);
        acc[0] += amount;
        acc[1]++;
      }
    }

    List<ProductTotals> expected = DataGen.expectedTotals(n, DataGen.DEFAULT_SEED);

    assertThat(expected)
        .extracting(ProductTotals::product)
        .containsExactlyElementsOf(byProduct.keySet());
    for (ProductTotals t : expected) {
      double[] acc = byProduct.get(t.product());
      assertThat(t.count()).isEqualTo((long) acc[1]);
      assertThat(t.sumAmount()).isCloseTo(acc[0], within(1e-6));
    }
  }

  @Test
  void ensure_splitsRecordsOverFilesAndOmitsNothing() throws IOException {
    Path dir = tmp.resolve("orders");

    OrdersDataset data = DataGen.ensure(dir, 1_001, 3, 7);

    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir).sorted()) {
      for (Path f : files.toList()) {
        all.addAll(Files.readAllLines(f));
      }
    }
    assertThat(dir.resolve("orders-00002.json")).exists();
    assertThat(all).isEqualTo(lines(7, 0, 1_001));
    assertThat(data.records()).isEqualTo(1_001);
    assertThat(data.bytes()).isEqualTo(String.join("\n", all).length() + 1L);
    assertThat(data.expected()).isEqualTo(DataGen.expectedTotals(1_001, 7));
  }

  @Test
  void ensure_sameParameters_reusesFilesWithoutRewriting() throws IOException {
    Path dir = tmp.resolve("orders");
    OrdersDataset first = DataGen.ensure(dir, 400, 2, 7);
    Path file = dir.resolve("orders-00000.json");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

    OrdersDataset second = DataGen.ensure(dir, 400, 2, 7);

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(file).toMillis()).isZero();
  }

  @Test
  void ensure_otherParametersOrDamagedFile_regenerates() throws IOException {
    Path dir = tmp.resolve("orders");
    DataGen.ensure(dir, 400, 2, 7);
    Files.writeString(dir.resolve("orders-00001.json"), "truncated");

    OrdersDataset repaired = DataGen.ensure(dir, 400, 2, 7);
    OrdersDataset smaller = DataGen.ensure(dir, 300, 1, 7);

    assertThat(repaired.bytes()).isGreaterThan(400 * 100L);
    assertThat(smaller.records()).isEqualTo(300);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("orders-00000.json");
    }
    assertThat(DataGen.manifestOf(dir)).exists().hasParent(tmp);
  }

  @Test
  void ensure_invalidParameters_failWithUsage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataGen.ensure(tmp, 10, 0, 7))
        .hasMessageStartingWith("[BENCH_USAGE]")
        .hasMessageContaining("files=0");
  }

  private static List<String> lines(long seed, long from, long to) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long bytes = DataGen.writeLines(seed, from, to, out);
    assertThat(bytes).isEqualTo(out.size());
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    return List.of(text.split("\n"));
  }
}
