package io.tideline.internal.datasource;

/**
 * Hive-style partition folder names, {@code col=value}, escaped as Spark escapes them ({@code
 * ExternalCatalogUtils.escapePathName}), so Spark and Tideline read each other's partitioned
 * output.
 *
 * <p>A null or empty value is written as {@value #DEFAULT_PARTITION_NAME}. Characters that are
 * unsafe in a path or that the {@code col=value} syntax uses ({@code / = : % ? * # " ' \ [ ] ^ {},
 * control characters and DEL) become {@code %XX} with upper-case hex.
 */
public final class PartitionPaths {

  /** The folder value of a null (or empty) partition value, Hive's and Spark's name. */
  public static final String DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";

  private static final boolean[] ESCAPED = escapedChars();

  private PartitionPaths() {}

  private static boolean[] escapedChars() {
    boolean[] escaped = new boolean[128];
    for (char c = 0x01; c <= 0x1F; c++) {
      escaped[c] = true;
    }
    for (char c : "\"#%'*/:=?\\\u007F{[]^".toCharArray()) {
      escaped[c] = true;
    }
    return escaped;
  }

  /** {@code name} with Spark's escapes applied. */
  public static String escape(String name) {
    StringBuilder sb = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 128 && ESCAPED[c]) {
        if (sb == null) {
          sb = new StringBuilder(name.length() + 8).append(name, 0, i);
        }
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? name : sb.toString();
  }

  /**
   * One folder name, {@code column=value}, both escaped; {@code value} as the string cast gives.
   */
  public static String folder(String column, String value) {
    String v = value == null || value.isEmpty() ? DEFAULT_PARTITION_NAME : escape(value);
    return escape(column) + "=" + v;
  }
}
