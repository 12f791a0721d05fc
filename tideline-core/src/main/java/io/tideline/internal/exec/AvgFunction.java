package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code avg(x)}: null for a group without non-null input. Numbers other than decimals are summed
 * as doubles (Spark casts them to DOUBLE first); a decimal average sums at DECIMAL(p+10, s), as
 * Spark's sum does, and divides by the count rounding half-up to the call's result scale.
 */
abstract class AvgFunction extends AggregateFunction {
  protected long[] counts = new long[16];

  AvgFunction(AggregateCall call) {
    super(call);
  }

  static AvgFunction create(AggregateCall call, boolean ansi) {
    if (call.dataType() instanceof DecimalType result) {
      DecimalType input = (DecimalType) call.args().get(0).dataType();
      DecimalType sumType =
          DataTypes.createDecimalType(Math.min(38, input.precision() + 10), input.scale());
      return new DecimalAvg(call, ansi, sumType, result);
    }
    return new DoubleAvg(call);
  }

  static final class DoubleAvg extends AvgFunction {
    private double[] sums = new double[16];

    DoubleAvg(AggregateCall call) {
      super(call);
    }

    @Override
    List<DataType> bufferTypes() {
      return List.of(DataTypes.DoubleType, DataTypes.LongType);
    }

    @Override
    void resize(int numGroups) {
      sums = grow(sums, numGroups);
      counts = grow(counts, numGroups);
    }

    @Override
    void update(ColumnVector[] args, Batch batch, int[] groupIds) {
      ColumnVector v = args[0];
      int n = batch.size();
      boolean nulls = v.mayHaveNulls();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (nulls && v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        sums[g] += NumericInput.asDouble(v, row);
        counts[g]++;
      }
    }

    @Override
    void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
      DoubleVector s = (DoubleVector) buffers[0];
      LongVector c = (LongVector) buffers[1];
      int n = batch.size();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        int g = groupIds[k];
        sums[g] += s.get(row);
        counts[g] += c.get(row);
      }
    }

    @Override
    void writeBuffers(ColumnVector[] out, int numGroups) {
      System.arraycopy(sums, 0, ((DoubleVector) out[0]).values(), 0, numGroups);
      System.arraycopy(counts, 0, ((LongVector) out[1]).values(), 0, numGroups);
    }

    @Override
    ColumnVector result(int numGroups) {
      DoubleVector v = new DoubleVector(DataTypes.DoubleType, Math.max(numGroups, 1));
      for (int g = 0; g < numGroups; g++) {
        if (counts[g] == 0) {
          v.setNull(g);
        } else {
          v.set(g, sums[g] / counts[g]);
        }
      }
      return v;
    }
  }

  static final class DecimalAvg extends AvgFunction {
    private final boolean ansi;
    private final DecimalType sumType;
    private final DecimalType resultType;
    private final DecimalSums sums;

    DecimalAvg(AggregateCall call, boolean ansi, DecimalType sumType, DecimalType resultType) {
      super(call);
      this.ansi = ansi;
      this.sumType = sumType;
      this.resultType = resultType;
      this.sums = new DecimalSums(sumType);
    }

    @Override
    List<DataType> bufferTypes() {
      return List.of(sumType, DataTypes.LongType);
    }

    @Override
    void resize(int numGroups) {
      sums.resize(numGroups);
      counts = grow(counts, numGroups);
    }

    @Override
    void update(ColumnVector[] args, Batch batch, int[] groupIds) {
      DecimalVector v = (DecimalVector) args[0];
      int n = batch.size();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        counts[g]++;
        if (!sums.add(g, v, row) && ansi) {
          throw ExecErrors.arithmeticOverflow("Overflow in sum of decimals", call.sql());
        }
      }
    }

    @Override
    void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
      DecimalVector s = (DecimalVector) buffers[0];
      LongVector c = (LongVector) buffers[1];
      int n = batch.size();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        int g = groupIds[k];
        if (c.get(row) == 0) {
          continue;
        }
        counts[g] += c.get(row);
        if (s.isNullAt(row)) {
          sums.markOverflow(g);
        } else if (!sums.add(g, s, row) && ansi) {
          throw ExecErrors.arithmeticOverflow("Overflow in sum of decimals", call.sql());
        }
      }
    }

    @Override
    void writeBuffers(ColumnVector[] out, int numGroups) {
      DecimalVector s = (DecimalVector) out[0];
      LongVector c = (LongVector) out[1];
      for (int g = 0; g < numGroups; g++) {
        c.set(g, counts[g]);
        if (sums.overflowed(g)) {
          s.setNull(g);
        } else {
          sums.write(g, s, g);
        }
      }
    }

    @Override
    ColumnVector result(int numGroups) {
      DecimalVector v = new DecimalVector(resultType, Math.max(numGroups, 1));
      for (int g = 0; g < numGroups; g++) {
        if (counts[g] == 0 || sums.overflowed(g)) {
          v.setNull(g);
          continue;
        }
        BigDecimal avg =
            sums.get(g)
                .divide(BigDecimal.valueOf(counts[g]), resultType.scale(), RoundingMode.HALF_UP);
        if (!v.setDecimal(g, avg)) {
          if (ansi) {
            throw ExecErrors.arithmeticOverflow("Overflow in average of decimals", call.sql());
          }
          v.setNull(g);
        }
      }
      return v;
    }
  }
}
