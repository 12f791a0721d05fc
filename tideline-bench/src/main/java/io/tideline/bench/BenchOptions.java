package io.tideline.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A benchmark's command line split into options, the way every benchmark here reads it: {@code
 * --name value} pairs and bare flags, later pairs overriding earlier ones. Each benchmark passes
 * its own usage error, so failures keep its error condition and usage line.
 *
 * @param values each given option's last value, in the order first given
 * @param flags the flags given
 */
public record BenchOptions(Map<String, String> values, Set<String> flags) {
  /**
   * Splits {@code args} into options named in {@code names} (each followed by a value) and flags
   * named in {@code flags}; anything else, or an option without its value, is a usage error.
   */
  public static BenchOptions parse(
      String[] args,
      Collection<String> names,
      Set<String> flags,
      Function<String, RuntimeException> usage) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> given = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      if (flags.contains(args[i])) {
        given.add(args[i]);
        continue;
      }
      if (!names.contains(args[i])) {
        throw usage.apply("Unknown option '" + args[i] + "'");
      }
      if (i + 1 >= args.length) {
        throw usage.apply(args[i] + " needs a value");
      }
      values.put(args[i], args[++i]);
    }
    return new BenchOptions(values, given);
  }

  /** Whether {@code flag} was given. */
  public boolean has(String flag) {
    return flags.contains(flag);
  }

  /**
   * Option {@code name}'s value as a whole number ({@code _} allowed as a separator), or {@code
   * defaultValue} when it was not given.
   */
  public long number(String name, long defaultValue, Function<String, RuntimeException> usage) {
    String text = values.get(name);
    return text == null ? defaultValue : wholeNumber(name, text, usage);
  }

  /** {@code text}, the value of option {@code name}, as a whole number; {@code _} may separate. */
  public static long wholeNumber(
      String name, String text, Function<String, RuntimeException> usage) {
    try {
      return Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw usage.apply(name + " takes a whole number, got '" + text + "'");
    }
  }
}
