package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Records laid out back to back in one vector (where the decoder shares one parser) decode exactly
 * as each record decoded on its own, whatever mix of valid, broken, blank and trailing-garbage
 * records they are.
 */
class SharedParserPropertyTest {
  private static final StructType SCHEMA =
      JsonTestSupport.schema("a INT, s STRING, n STRUCT<x: ARRAY<BIGINT>>, _corrupt_record STRING");

  @Property(tries = 300)
  void adjacentRecords_decodeAsIfAlone(@ForAll("records") @Size(max = 12) List<String> records) {
    String[] all = records.toArray(new String[0]);
    StructVector together = new StructVector(SCHEMA, Math.max(all.length, 1));
    new JsonRowDecoder(SCHEMA, Map.of(), ZoneOffset.UTC)
        .decode(JsonTestSupport.strings(all), null, all.length, together);
    List<Object> expected = new ArrayList<>();
    List<Object> actual = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      StructVector alone = new StructVector(SCHEMA, 1);
      new JsonRowDecoder(SCHEMA, Map.of(), ZoneOffset.UTC)
          .decode(JsonTestSupport.strings(all[i]), null, 1, alone);
      expected.add(alone.getObject(0));
      actual.add(together.getObject(i));
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<String>> records() {
    Arbitrary<String> record =
        Arbitraries.of(
            "{\"a\":1,\"s\":\"x\"}",
            "{\"a\":",
            "2}",
            "{\"a\":\"wrong\",\"s\":\"kept\"}",
            "  ",
            "",
            "7",
            "null",
            "{\"s\":\"t\"} junk",
            "{\"n\":{\"x\":[1,2,3]}}\n",
            "{\"n\":{\"x\":[1,",
            "]}}",
            "[{\"a\":3}]",
            "{\"s\":\"caf\u00e9 \\\"q\\\"\"}",
            "\t{\"a\":4}\r",
            "}{",
            "{}");
    return record.list();
  }
}
