package io.tideline.internal.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionPathsTest {

  @Test
  void escape_sparksUnsafeCharacters_becomeUpperCaseHex() {
    assertThat(PartitionPaths.escape("a/b:c=d%e")).isEqualTo("a%2Fb%3Ac%3Dd%25e");
    assertThat(PartitionPaths.escape("2024-01-01 10:00:00")).isEqualTo("2024-01-01 10%3A00%3A00");
    assertThat(PartitionPaths.escape("q?*#\"'\\{[]^")).isEqualTo("q%3F%2A%23%22%27%5C%7B%5B%5D%5E");
    assertThat(PartitionPaths.escape("tab\there\u007F")).isEqualTo("tab%09here%7F");
  }

  @Test
  void escape_safeText_isReturnedUnchanged() {
    String plain = "Zürich-2024_v1 ok";
    assertThat(PartitionPaths.escape(plain)).isSameAs(plain);
  }

  @Test
  void folder_nullOrEmptyValue_isHivesDefaultPartition() {
    assertThat(PartitionPaths.folder("country", null))
        .isEqualTo("country=__HIVE_DEFAULT_PARTITION__");
    assertThat(PartitionPaths.folder("country", ""))
        .isEqualTo("country=__HIVE_DEFAULT_PARTITION__");
    assertThat(PartitionPaths.folder("c=x", "DE")).isEqualTo("c%3Dx=DE");
  }
}
