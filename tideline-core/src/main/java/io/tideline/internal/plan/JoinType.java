package io.tideline.internal.plan;

import java.util.Locale;

/** Join types with the names {@code join(other, on, how)} accepts, as Spark's. */
public enum JoinType {
  INNER,
  LEFT_OUTER,
  RIGHT_OUTER,
  FULL_OUTER,
  LEFT_SEMI,
  LEFT_ANTI,
  CROSS;

  /**
   * Parses Spark's names: inner, cross, outer, full, fullouter, full_outer, left, leftouter,
   * left_outer, right, rightouter, right_outer, semi, leftsemi, left_semi, anti, leftanti,
   * left_anti.
   *
   * @return null for an unknown name (the caller raises the error listing the supported ones)
   */
  public static JoinType parse(String how) {
    return switch (how.toLowerCase(Locale.ROOT).replace("_", "")) {
      case "inner" -> INNER;
      case "cross" -> CROSS;
      case "outer", "full", "fullouter" -> FULL_OUTER;
      case "left", "leftouter" -> LEFT_OUTER;
      case "right", "rightouter" -> RIGHT_OUTER;
      case "semi", "leftsemi" -> LEFT_SEMI;
      case "anti", "leftanti" -> LEFT_ANTI;
      default -> null;
    };
  }

  public String sql() {
    return name().replace('_', ' ');
  }
}
