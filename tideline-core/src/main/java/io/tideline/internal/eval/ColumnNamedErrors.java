package io.tideline.internal.eval;

import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts column names back into the SQL context of evaluation errors. Kernels are compiled from bound
 * trees, whose column references print as {@code input[3]}; a user must see {@code amount}. The
 * wrapper costs one try block per batch, and rewrites only failures.
 */
final class ColumnNamedErrors implements VectorEvaluator {
  private static final Pattern BOUND = Pattern.compile("input\\[(\\d+)]");

  private final VectorEvaluator inner;
  private final List<Attribute> input;

  ColumnNamedErrors(VectorEvaluator inner, List<Attribute> input) {
    this.inner = inner;
    this.input = input;
  }

  @Override
  public ColumnVector eval(Batch batch) {
    try {
      return inner.eval(batch);
    } catch (ExecutionException e) {
      throw rename(e, input);
    }
  }

  /** The same error with {@code input[i]} replaced by the name of input column i. */
  static ExecutionException rename(ExecutionException e, List<Attribute> input) {
    Map<String, String> params = new HashMap<>(e.parameters());
    boolean changed = false;
    for (Map.Entry<String, String> p : params.entrySet()) {
      // Only the expression text: a value parameter is user data and must stay verbatim.
      if (!p.getKey().equals("context") && !p.getKey().equals("expression")) {
        continue;
      }
      String renamed = renameText(p.getValue(), input);
      if (!renamed.equals(p.getValue())) {
        p.setValue(renamed);
        changed = true;
      }
    }
    if (!changed) {
      return e;
    }
    ExecutionException named = new ExecutionException(e.condition(), params, e.getCause());
    named.setStackTrace(e.getStackTrace());
    return named;
  }

  private static String renameText(String text, List<Attribute> input) {
    Matcher m = BOUND.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int ordinal = Integer.parseInt(m.group(1));
      String name = ordinal < input.size() ? input.get(ordinal).sql() : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(name));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
