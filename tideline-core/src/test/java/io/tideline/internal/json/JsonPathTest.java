package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.vector.BytesVector;
import io.tideline.types.DataTypes;
import org.junit.jupiter.api.Test;

class JsonPathTest {

  private static String get(String json, String path) {
    return JsonPath.compile(path).evaluate(json);
  }

  @Test
  void getJsonObject_stringValue_isUnquoted() {
    assertThat(get("{\"a\":\"b\"}", "$.a")).isEqualTo("b");
    assertThat(get("{\"a\":\"q\\\"\\u00e9\"}", "$.a")).isEqualTo("q\"\u00e9");
  }

  @Test
  void getJsonObject_otherValues_areCompactJson() {
    assertThat(get("{\"a\": {\"b\" : [1, 2.50, true, null]}}", "$.a"))
        .isEqualTo("{\"b\":[1,2.5,true,null]}");
    assertThat(get("{\"a\":12}", "$.a")).isEqualTo("12");
    assertThat(get("{\"a\":false}", "$.a")).isEqualTo("false");
    assertThat(get("{\"a\":1}", "$")).isEqualTo("{\"a\":1}");
  }

  @Test
  void getJsonObject_bracketNamesAndIndexes() {
    String json = "{\"a b\":[[10,11],[20,{\"c\":\"deep\"}]],\"x\":{\"y\":{\"z\":7}}}";
    assertThat(get(json, "$['a b'][1][1].c")).isEqualTo("deep");
    assertThat(get(json, "$['a b'][0][1]")).isEqualTo("11");
    assertThat(get(json, "$.x.y.z")).isEqualTo("7");
    assertThat(get(json, "$['a b'][5]")).isNull();
    assertThat(get("[1,2,3]", "$[2]")).isEqualTo("3");
  }

  @Test
  void getJsonObject_wildcard_gathersAndUnwrapsSingleMatch() {
    String json = "{\"a\":[{\"b\":1},{\"c\":3},{\"b\":\"two\"}]}";
    assertThat(get(json, "$.a[*].b")).isEqualTo("[1,\"two\"]");
    assertThat(get("{\"a\":[{\"b\":1}]}", "$.a[*].b")).isEqualTo("1");
    assertThat(get("{\"a\":[\"x\"]}", "$.a[*]")).isEqualTo("\"x\"");
    assertThat(get("{\"a\":[1,2]}", "$.a[*]")).isEqualTo("[1,2]");
    assertThat(get("{\"a\":[{\"c\":1}]}", "$.a[*].b")).isNull();
    assertThat(get("{\"a\":[[1,2],[3]]}", "$.a[*][*]")).isEqualTo("[1,2,3]");
  }

  @Test
  void getJsonObject_missingNullOrInvalid_isNull() {
    assertThat(get("{\"a\":null}", "$.a")).isNull();
    assertThat(get("{\"a\":1}", "$.b")).isNull();
    assertThat(get("{\"a\":1", "$.a")).isNull();
    assertThat(get("not json", "$.a")).isNull();
    assertThat(get("", "$.a")).isNull();
    assertThat(get("{\"a\":1}", "a")).isNull();
    assertThat(get("{\"a\":1}", "$.")).isNull();
    assertThat(get("{\"a\":1}", "$[x]")).isNull();
    assertThat(JsonPath.compile("$a").isValid()).isFalse();
  }

  @Test
  void getJsonObject_singleQuotesAndControlCharacters_areAccepted() {
    assertThat(get("{'a':'x'}", "$.a")).isEqualTo("x");
    assertThat(get("{\"a\":\"tab\there\"}", "$.a")).isEqualTo("tab\there");
  }

  @Test
  void getJsonObject_laterFieldsAfterMatch_areSkipped() {
    assertThat(get("{\"a\":\"first\",\"a\":\"second\",\"b\":{\"a\":3}}", "$.a")).isEqualTo("first");
    assertThat(get("{\"x\":{\"a\":1},\"a\":2}", "$.a")).isEqualTo("2");
  }

  @Test
  void extract_vector_writesSelectedRowsAndNulls() {
    BytesVector in = JsonTestSupport.strings("{\"a\":1}", null, "{\"b\":2}", "{\"a\":\"s\"}");
    BytesVector out = new BytesVector(DataTypes.StringType, 4);
    JsonPath.compile("$.a").extract(in, null, 4, out);
    assertThat(JsonTestSupport.objects(out, 4)).containsExactly("1", null, null, "s");
  }
}
