package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code approx_count_distinct(x[, rsd])}: a {@link HyperLogLogPlusPlus} sketch per group, fed with
 * Spark's xxHash64 (seed 42) of each non-null value in Spark's encoding: integers up to INT (and
 * DATE) as 4 bytes, BIGINT and TIMESTAMP as 8, FLOAT and DOUBLE by their bits with {@code -0.0} and
 * NaN normalised, compact decimals by their unscaled long, wide ones by the unscaled value's
 * two's-complement bytes, strings and binary by their bytes.
 */
final class ApproxCountDistinctFunction extends AggregateFunction {
  private static final long SEED = 42L;
  private static final double DEFAULT_RSD = 0.05;

  private final HyperLogLogPlusPlus hll;
  private final int numWords;
  private long[] words;

  ApproxCountDistinctFunction(AggregateCall call) {
    super(call);
    double rsd = DEFAULT_RSD;
    if (!call.params().isEmpty() && call.params().get(0) instanceof Number n) {
      rsd = n.doubleValue();
    }
    this.hll = new HyperLogLogPlusPlus(rsd);
    this.numWords = hll.numWords();
    this.words = new long[16 * numWords];
  }

  @Override
  List<DataType> bufferTypes() {
    List<DataType> types = new ArrayList<>(numWords);
    for (int i = 0; i < numWords; i++) {
      types.add(DataTypes.LongType);
    }
    return types;
  }

  @Override
  void resize(int numGroups) {
    words = grow(words, numGroups * numWords);
  }

  @Override
  void update(ColumnVector[] args, Batch batch, int[] groupIds) {
    ColumnVector v = args[0];
    int n = batch.size();
    for (int k = 0; k < n; k++) {
      int row = batch.rowAt(k);
      if (v.isNullAt(row)) {
        continue;
      }
      hll.add(words, groupIds[k] * numWords, hash(v, row));
    }
  }

  /** Spark's {@code XxHash64Function.hash(value, type, 42)} of a non-null value. */
  static long hash(ColumnVector v, int row) {
    if (v instanceof IntVector iv) {
      return Xxh64.hashInt(iv.get(row), SEED);
    } else if (v instanceof LongVector lv) {
      return Xxh64.hashLong(lv.get(row), SEED);
    } else if (v instanceof BytesVector bv) {
      return Xxh64.hashBytes(bv.data(), bv.start(row), bv.length(row), SEED);
    } else if (v instanceof DoubleVector dv) {
      return Xxh64.hashLong(GroupKeyTable.normalizedBits(dv.get(row)), SEED);
    } else if (v instanceof FloatVector fv) {
      return Xxh64.hashInt(GroupKeyTable.normalizedBits(fv.get(row)), SEED);
    } else if (v instanceof BooleanVector bv) {
      return Xxh64.hashInt(bv.get(row) ? 1 : 0, SEED);
    } else if (v instanceof DecimalVector dv) {
      if (dv.decimalType().fitsInLong()) {
        return Xxh64.hashLong(dv.getUnscaled(row), SEED);
      }
      byte[] bytes = dv.getDecimal(row).unscaledValue().toByteArray();
      return Xxh64.hashBytes(bytes, 0, bytes.length, SEED);
    }
    throw ExecErrors.unsupportedAggregate("approx_count_distinct over " + v.type().sql());
  }

  @Override
  void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
    int n = batch.size();
    for (int w = 0; w < numWords; w++) {
      long[] partial = ((LongVector) buffers[w]).values();
      for (int k = 0; k < n; k++) {
        hll.mergeWord(words, groupIds[k] * numWords + w, partial[batch.rowAt(k)]);
      }
    }
  }

  @Override
  void writeBuffers(ColumnVector[] out, int numGroups) {
    for (int w = 0; w < numWords; w++) {
      long[] col = ((LongVector) out[w]).values();
      for (int g = 0; g < numGroups; g++) {
        col[g] = words[g * numWords + w];
      }
    }
  }

  @Override
  ColumnVector result(int numGroups) {
    LongVector v = new LongVector(DataTypes.LongType, Math.max(numGroups, 1));
    for (int g = 0; g < numGroups; g++) {
      v.set(g, hll.estimate(words, g * numWords));
    }
    return v;
  }
}
