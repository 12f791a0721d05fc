package io.tideline.internal.exec;

import io.tideline.internal.vector.DecimalVector;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Per-group decimal sums at a fixed type: unscaled longs when the type's precision fits a long (the
 * common money case), BigDecimals otherwise. A sum that no longer fits the precision is marked
 * overflowed, which a caller turns into Spark's error (ANSI) or a null.
 */
final class DecimalSums {
  private final DecimalType type;
  private final boolean compact;
  private final long bound;
  private final BigInteger bigBound;
  private long[] unscaled = new long[16];
  private BigDecimal[] big;
  private boolean[] overflow = new boolean[16];

  DecimalSums(DecimalType type) {
    this.type = type;
    this.compact = type.fitsInLong();
    this.bound = compact ? pow10(type.precision()) : 0;
    this.bigBound = BigInteger.TEN.pow(type.precision());
    if (!compact) {
      big = new BigDecimal[16];
    }
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  void resize(int n) {
    overflow = AggregateFunction.grow(overflow, n);
    if (compact) {
      unscaled = AggregateFunction.grow(unscaled, n);
    } else if (big.length < n) {
      big = java.util.Arrays.copyOf(big, Math.max(n, big.length * 2));
    }
  }

  /** Adds row {@code row} of {@code v} (same scale) to group {@code g}; false on overflow. */
  boolean add(int g, DecimalVector v, int row) {
    if (overflow[g]) {
      return false;
    }
    if (compact && v.isCompact() && v.decimalType().scale() == type.scale()) {
      long s = unscaled[g] + v.getUnscaled(row);
      if (s >= bound || s <= -bound) {
        overflow[g] = true;
        return false;
      }
      unscaled[g] = s;
      return true;
    }
    return add(g, v.getDecimal(row));
  }

  boolean add(int g, BigDecimal value) {
    if (overflow[g]) {
      return false;
    }
    BigDecimal scaled = value.setScale(type.scale(), java.math.RoundingMode.HALF_UP);
    if (compact) {
      BigInteger s = BigInteger.valueOf(unscaled[g]).add(scaled.unscaledValue());
      if (s.abs().compareTo(bigBound) >= 0) {
        overflow[g] = true;
        return false;
      }
      unscaled[g] = s.longValueExact();
      return true;
    }
    BigDecimal s = big[g] == null ? scaled : big[g].add(scaled);
    if (s.unscaledValue().abs().compareTo(bigBound) >= 0) {
      overflow[g] = true;
      return false;
    }
    big[g] = s;
    return true;
  }

  void markOverflow(int g) {
    overflow[g] = true;
  }

  boolean overflowed(int g) {
    return overflow[g];
  }

  BigDecimal get(int g) {
    if (compact) {
      return BigDecimal.valueOf(unscaled[g], type.scale());
    }
    return big[g] == null ? BigDecimal.ZERO.setScale(type.scale()) : big[g];
  }

  /** Writes group {@code g}'s sum into {@code out[row]}. */
  void write(int g, DecimalVector out, int row) {
    if (compact && out.isCompact()) {
      out.setUnscaled(row, unscaled[g]);
    } else {
      out.setDecimal(row, get(g));
    }
  }
}
