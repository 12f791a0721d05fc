package io.tideline.internal.eval;

import io.tideline.internal.json.JsonPath;
import io.tideline.internal.json.JsonRowDecoder;
import io.tideline.internal.json.JsonRowEncoder;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.time.ZoneId;
import java.util.Map;

/**
 * {@code from_json}, {@code to_json} and {@code get_json_object}, delegating to the JSON package's
 * streaming decoder, encoder and path extractor a batch at a time. The kernels pass the live,
 * non-null rows as physical indexes; null inputs give null outputs.
 */
final class JsonKernels {
  private JsonKernels() {}

  /** The live rows of {@code batch} where {@code v} is not null, or null for "all of 0..n". */
  private static int[] liveNonNull(Batch batch, ColumnVector v, int[] scratch, int[] count) {
    int n = batch.size();
    int[] sel = batch.selection();
    if (sel == null && !v.mayHaveNulls()) {
      count[0] = n;
      return null;
    }
    int m = 0;
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (!v.isNullAt(i)) {
        scratch[m++] = i;
      }
    }
    count[0] = m;
    return scratch;
  }

  private static void nullOut(Batch batch, ColumnVector in, ColumnVector out) {
    if (!in.mayHaveNulls()) {
      return;
    }
    int n = batch.size();
    int[] sel = batch.selection();
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (in.isNullAt(i)) {
        out.setNull(i);
        if (out instanceof StructVector s) {
          for (ColumnVector c : s.children()) {
            c.setNull(i);
          }
        }
      }
    }
  }

  /** {@code from_json(str, schema[, options])}: params are the schema and the options map. */
  static final class FromJson implements VectorEvaluator {
    private final VectorEvaluator arg;
    private final JsonRowDecoder decoder;
    private final OutputBuffer output;
    private int[] rows = new int[0];
    private final int[] count = new int[1];

    FromJson(VectorEvaluator arg, StructType schema, Map<String, String> options, ZoneId zone) {
      this.arg = arg;
      this.decoder = new JsonRowDecoder(schema, options, zone);
      this.output = new OutputBuffer(schema);
    }

    @Override
    public ColumnVector eval(Batch batch) {
      BytesVector in = (BytesVector) arg.eval(batch);
      StructVector out = (StructVector) output.prepare(batch.numRows());
      if (rows.length < batch.size()) {
        rows = new int[Math.max(batch.size(), 16)];
      }
      int[] live = liveNonNull(batch, in, rows, count);
      decoder.decode(in, live, count[0], out);
      nullOut(batch, in, out);
      return out;
    }
  }

  /** {@code to_json(value[, options])}. */
  static final class ToJson implements VectorEvaluator {
    private final VectorEvaluator arg;
    private final JsonRowEncoder encoder;
    private final OutputBuffer output = new OutputBuffer(DataTypes.StringType);
    private int[] rows = new int[0];
    private final int[] count = new int[1];

    ToJson(VectorEvaluator arg, DataType type, Map<String, String> options, ZoneId zone) {
      this.arg = arg;
      this.encoder = new JsonRowEncoder(type, options, zone);
    }

    @Override
    public ColumnVector eval(Batch batch) {
      ColumnVector in = arg.eval(batch);
      BytesVector out = (BytesVector) output.prepare(batch.numRows());
      if (rows.length < batch.size()) {
        rows = new int[Math.max(batch.size(), 16)];
      }
      int[] live = liveNonNull(batch, in, rows, count);
      encoder.encode(in, live, count[0], out);
      nullOut(batch, in, out);
      return out;
    }
  }

  /** {@code get_json_object(json, path)}; a non-constant path is compiled when it changes. */
  static final class GetJsonObject implements VectorEvaluator {
    private final VectorEvaluator json;
    private final VectorEvaluator pathArg;
    private final OutputBuffer output = new OutputBuffer(DataTypes.StringType);
    private JsonPath constantPath;
    private String lastPath;
    private JsonPath lastCompiled;
    private int[] rows = new int[0];
    private final int[] one = new int[1];
    private final int[] count = new int[1];

    GetJsonObject(VectorEvaluator json, VectorEvaluator pathArg) {
      this.json = json;
      this.pathArg = pathArg;
      if (pathArg instanceof ConstantEvaluator c && !c.isNull()) {
        constantPath = JsonPath.compile(String.valueOf(c.value()));
      }
    }

    @Override
    public ColumnVector eval(Batch batch) {
      BytesVector in = (BytesVector) json.eval(batch);
      BytesVector out = (BytesVector) output.prepare(batch.numRows());
      if (rows.length < batch.size()) {
        rows = new int[Math.max(batch.size(), 16)];
      }
      if (constantPath != null) {
        int[] live = liveNonNull(batch, in, rows, count);
        constantPath.extract(in, live, count[0], out);
        nullOut(batch, in, out);
        return out;
      }
      BytesVector paths = (BytesVector) pathArg.eval(batch);
      int n = batch.size();
      int[] sel = batch.selection();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (in.isNullAt(i) || paths.isNullAt(i)) {
          out.setNull(i);
          continue;
        }
        String p = paths.getString(i);
        if (!p.equals(lastPath)) {
          lastCompiled = JsonPath.compile(p);
          lastPath = p;
        }
        one[0] = i;
        lastCompiled.extract(in, one, 1, out);
      }
      return out;
    }
  }
}
