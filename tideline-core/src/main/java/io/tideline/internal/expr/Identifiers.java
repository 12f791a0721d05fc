package io.tideline.internal.expr;

import java.util.List;

/** Quoting of identifiers in printed SQL. */
public final class Identifiers {
  private Identifiers() {}

  /** {@code name}, in backticks when it is not a plain identifier. */
  public static String quote(String name) {
    boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
    for (int i = 0; plain && i < name.length(); i++) {
      char c = name.charAt(i);
      plain =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }

  public static String quoteParts(List<String> parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(quote(parts.get(i)));
    }
    return sb.toString();
  }
}
