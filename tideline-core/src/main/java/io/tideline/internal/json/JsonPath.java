package io.tideline.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.tideline.internal.vector.BytesVector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code get_json_object} path: Spark's (Hive's) JsonPath subset, {@code $} followed by
 * {@code .name}, {@code ['name']}, {@code [n]}, {@code [*]}, {@code .*} or {@code ['*']}.
 *
 * <p>Semantics are Spark's {@code GetJsonObjectEvaluator}: a matched string is returned without
 * quotes, any other value as compact JSON text; {@code [*]} gathers its matches into a JSON array,
 * unwrapped when there is only one; a path that matches nothing, a JSON null, invalid JSON or an
 * invalid path gives null. Single quotes and raw control characters are accepted in the input, as
 * in Spark.
 *
 * <p>{@link #compile} is thread-safe and returns a value usable by one thread at a time.
 */
public final class JsonPath {
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .build();

  private enum Kind {
    KEY,
    SUBSCRIPT,
    WILDCARD,
    NAMED,
    INDEX
  }

  private record Step(Kind kind, String name, long index) {}

  private enum Style {
    RAW,
    QUOTED,
    FLATTEN
  }

  /** The parsed steps, or null when the path is invalid (every result is then null). */
  private final Step[] steps;

  private final OutputBuffer buffer = new OutputBuffer();

  /** The generator's target, whose bytes are copied once, straight into the output vector. */
  private static final class OutputBuffer extends ByteArrayOutputStream {
    OutputBuffer() {
      super(64);
    }

    byte[] array() {
      return buf;
    }
  }

  private JsonPath(Step[] steps) {
    this.steps = steps;
  }

  /** Parses {@code path}; an invalid path compiles to one that always yields null, as in Spark. */
  public static JsonPath compile(String path) {
    return new JsonPath(path == null ? null : parse(path));
  }

  /** True when the path parsed; false when every result will be null. */
  public boolean isValid() {
    return steps != null;
  }

  /**
   * Evaluates the path on rows {@code rows[0..count)} (physical indexes; null means {@code
   * 0..count-1}) of the JSON strings in {@code input}, writing the same physical rows of {@code
   * output} (STRING).
   */
  public void extract(BytesVector input, int[] rows, int count, BytesVector output) {
    for (int k = 0; k < count; k++) {
      int r = rows == null ? k : rows[k];
      if (steps == null || input.isNullAt(r)) {
        output.setNull(r);
        continue;
      }
      if (evaluate(input.data(), input.start(r), input.length(r))) {
        output.append(r, bufferBytes(), 0, buffer.size());
      } else {
        output.setNull(r);
      }
    }
  }

  /**
   * Evaluates on one UTF-8 JSON text; null when nothing matches. For tests and constant folding.
   */
  public String evaluate(String json) {
    if (steps == null || json == null) {
      return null;
    }
    byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return evaluate(b, 0, b.length)
        ? buffer.toString(java.nio.charset.StandardCharsets.UTF_8)
        : null;
  }

  private byte[] bufferBytes() {
    return buffer.array();
  }

  private boolean evaluate(byte[] data, int off, int len) {
    buffer.reset();
    try (JsonParser p = FACTORY.createParser(data, off, len)) {
      boolean matched;
      try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
        p.nextToken();
        matched = evaluatePath(p, g, Style.RAW, 0);
      }
      return matched;
    } catch (JsonProcessingException e) {
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("Bug in Tideline: I/O error on an in-memory JSON buffer", e);
    }
  }

  private boolean is(int i, Kind kind) {
    return i < steps.length && steps[i].kind == kind;
  }

  /** True when something was written; mirrors the case order of Spark's evaluator. */
  private boolean evaluatePath(JsonParser p, JsonGenerator g, Style style, int i)
      throws IOException {
    JsonToken t = p.currentToken();
    boolean atEnd = i == steps.length;
    if (atEnd && t == JsonToken.VALUE_STRING && style == Style.RAW) {
      g.writeRaw(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      return true;
    }
    if (atEnd && t == JsonToken.START_ARRAY && style == Style.FLATTEN) {
      boolean dirty = false;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        dirty |= evaluatePath(p, g, style, i);
      }
      return dirty;
    }
    if (atEnd) {
      g.copyCurrentStructure(p);
      return true;
    }
    if (t == JsonToken.START_OBJECT && is(i, Kind.KEY)) {
      boolean dirty = false;
      while (p.nextToken() != JsonToken.END_OBJECT) {
        if (dirty) {
          p.nextToken();
          p.skipChildren();
        } else {
          dirty = evaluatePath(p, g, style, i + 1);
        }
      }
      return dirty;
    }
    if (t == JsonToken.START_ARRAY && is(i, Kind.SUBSCRIPT) && is(i + 1, Kind.WILDCARD)) {
      if (is(i + 2, Kind.SUBSCRIPT) && is(i + 3, Kind.WILDCARD)) {
        // Hive's non-structure-preserving double wildcard.
        boolean dirty = false;
        g.writeStartArray();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          dirty |= evaluatePath(p, g, Style.FLATTEN, i + 4);
        }
        g.writeEndArray();
        return dirty;
      }
      if (style != Style.QUOTED) {
        Style next = style == Style.RAW ? Style.QUOTED : Style.FLATTEN;
        StringWriter sw = new StringWriter();
        int dirty = 0;
        try (JsonGenerator fg = FACTORY.createGenerator(sw)) {
          fg.writeStartArray();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            dirty += evaluatePath(p, fg, next, i + 2) ? 1 : 0;
          }
          fg.writeEndArray();
        }
        String s = sw.toString();
        if (dirty > 1) {
          g.writeRawValue(s);
        } else if (dirty == 1) {
          g.writeRawValue(s.substring(1, s.length() - 1));
        }
        return dirty > 0;
      }
      boolean dirty = false;
      g.writeStartArray();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        dirty |= evaluatePath(p, g, Style.QUOTED, i + 2);
      }
      g.writeEndArray();
      return dirty;
    }
    if (t == JsonToken.START_ARRAY && is(i, Kind.SUBSCRIPT) && is(i + 1, Kind.INDEX)) {
      long idx = steps[i + 1].index;
      Style next = is(i + 2, Kind.SUBSCRIPT) && is(i + 3, Kind.WILDCARD) ? Style.QUOTED : style;
      p.nextToken();
      while (true) {
        if (p.currentToken() == JsonToken.END_ARRAY) {
          return false;
        }
        if (idx == 0) {
          boolean dirty = evaluatePath(p, g, next, i + 2);
          while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
          }
          return dirty;
        }
        p.skipChildren();
        p.nextToken();
        idx--;
      }
    }
    if (t == JsonToken.FIELD_NAME && is(i, Kind.NAMED) && p.currentName().equals(steps[i].name)) {
      if (p.nextToken() != JsonToken.VALUE_NULL) {
        return evaluatePath(p, g, style, i + 1);
      }
      return false;
    }
    if (t == JsonToken.FIELD_NAME && is(i, Kind.WILDCARD)) {
      p.nextToken();
      return evaluatePath(p, g, style, i + 1);
    }
    if (t == JsonToken.FIELD_NAME) {
      // Skip the field's value (Spark's parser is on the name here and skips its children).
      p.nextToken();
    }
    p.skipChildren();
    return false;
  }

  /** Spark's grammar; null for an invalid path. */
  private static Step[] parse(String path) {
    if (!path.startsWith("$")) {
      return null;
    }
    List<Step> out = new ArrayList<>();
    int i = 1;
    int n = path.length();
    while (i < n) {
      if (path.startsWith(".*", i)) {
        out.add(new Step(Kind.WILDCARD, null, 0));
        i += 2;
      } else if (path.startsWith("['*']", i)) {
        out.add(new Step(Kind.WILDCARD, null, 0));
        i += 5;
      } else if (path.charAt(i) == '.') {
        int j = i + 1;
        while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
          j++;
        }
        if (j == i + 1) {
          return null;
        }
        out.add(new Step(Kind.KEY, null, 0));
        out.add(new Step(Kind.NAMED, path.substring(i + 1, j), 0));
        i = j;
      } else if (path.startsWith("['", i)) {
        int j = path.indexOf('\'', i + 2);
        if (j <= i + 2 || j + 1 >= n || path.charAt(j + 1) != ']') {
          return null;
        }
        out.add(new Step(Kind.KEY, null, 0));
        out.add(new Step(Kind.NAMED, path.substring(i + 2, j), 0));
        i = j + 2;
      } else if (path.charAt(i) == '[') {
        int j = path.indexOf(']', i);
        if (j < 0) {
          return null;
        }
        String inside = path.substring(i + 1, j);
        out.add(new Step(Kind.SUBSCRIPT, null, 0));
        if (inside.equals("*")) {
          out.add(new Step(Kind.WILDCARD, null, 0));
        } else if (!inside.isEmpty() && inside.chars().allMatch(c -> c >= '0' && c <= '9')) {
          try {
            out.add(new Step(Kind.INDEX, null, Long.parseLong(inside)));
          } catch (NumberFormatException e) {
            return null;
          }
        } else {
          return null;
        }
        i = j + 1;
      } else {
        return null;
      }
    }
    return out.toArray(new Step[0]);
  }
}
