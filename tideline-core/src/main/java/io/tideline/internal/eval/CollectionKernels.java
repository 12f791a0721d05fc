package io.tideline.internal.eval;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.MapVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;

/** {@code struct}, {@code named_struct}, {@code array} and {@code size}. */
final class CollectionKernels {
  private CollectionKernels() {}

  /** A struct over the argument vectors themselves, with no copy. Never null, as in Spark. */
  static final class MakeStruct implements VectorEvaluator {
    private final StructType type;
    private final VectorEvaluator[] fields;

    MakeStruct(StructType type, VectorEvaluator[] fields) {
      this.type = type;
      this.fields = fields;
    }

    @Override
    public ColumnVector eval(Batch batch) {
      ColumnVector[] children = new ColumnVector[fields.length];
      for (int f = 0; f < fields.length; f++) {
        children[f] = fields[f].eval(batch);
      }
      return new StructVector(type, children, Math.max(batch.numRows(), 1));
    }
  }

  /** {@code array(a, b, ...)}: one element per argument, nulls kept as null elements. */
  static final class MakeArray implements VectorEvaluator {
    private final VectorEvaluator[] args;
    private final OutputBuffer output;

    MakeArray(io.tideline.types.DataType type, VectorEvaluator[] args) {
      this.args = args;
      this.output = new OutputBuffer(type);
    }

    @Override
    public ColumnVector eval(Batch batch) {
      ColumnVector[] in = new ColumnVector[args.length];
      for (int a = 0; a < args.length; a++) {
        in[a] = args[a].eval(batch);
      }
      ArrayVector out = (ArrayVector) output.prepare(batch.numRows());
      ColumnVector elements = out.elements();
      int[] sel = batch.selection();
      int n = batch.size();
      int at = out.reserveElements(n * in.length);
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int start = at + k * in.length;
        for (int a = 0; a < in.length; a++) {
          elements.copyFrom(in[a], i, start + a);
        }
        out.setSlice(i, start, in.length);
      }
      return out;
    }
  }

  /** {@code size(array | map)}: null for null under ANSI, -1 otherwise (Spark's legacy default). */
  static final class Size implements VectorEvaluator {
    private final VectorEvaluator arg;
    private final boolean nullForNull;
    private final OutputBuffer output = new OutputBuffer(DataTypes.IntegerType);

    Size(VectorEvaluator arg, boolean nullForNull) {
      this.arg = arg;
      this.nullForNull = nullForNull;
    }

    @Override
    public ColumnVector eval(Batch batch) {
      ColumnVector v = arg.eval(batch);
      IntVector out = (IntVector) output.prepare(batch.numRows());
      int[] o = out.values();
      int[] sel = batch.selection();
      int n = batch.size();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (v.isNullAt(i)) {
          if (nullForNull) {
            out.setNull(i);
          } else {
            o[i] = -1;
          }
        } else {
          o[i] = v instanceof ArrayVector a ? a.length(i) : ((MapVector) v).length(i);
        }
      }
      return out;
    }
  }
}
