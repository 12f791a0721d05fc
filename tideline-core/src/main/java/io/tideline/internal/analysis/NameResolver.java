package io.tideline.internal.analysis;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.GetMapValue;
import io.tideline.internal.expr.GetStructField;
import io.tideline.internal.expr.Identifiers;
import io.tideline.internal.expr.Literal;
import io.tideline.types.DataType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves column names against an operator's input attributes, as Spark's {@code
 * AttributeSeq.resolve} does: first {@code qualifier.column[.field...]} against each column's
 * relation alias, then {@code column[.field...]}; the remaining parts are struct fields (or map
 * keys). Names match case-insensitively unless {@code tideline.sql.caseSensitive} is set.
 *
 * <p>Failures name the nearest existing columns, ordered by Levenshtein distance as Spark orders
 * its suggestions.
 */
final class NameResolver {
  /** Spark proposes at most this many names in an unresolved-column error. */
  private static final int MAX_SUGGESTIONS = 5;

  private final boolean caseSensitive;

  NameResolver(boolean caseSensitive) {
    this.caseSensitive = caseSensitive;
  }

  boolean matches(String a, String b) {
    return caseSensitive ? a.equals(b) : a.equalsIgnoreCase(b);
  }

  /** A resolved column reference: the expression and whether struct fields were extracted. */
  record Resolution(Expr expr, String lastFieldName) {
    boolean nested() {
      return lastFieldName != null;
    }
  }

  /**
   * Resolves {@code nameParts}, or returns null when no column matches.
   *
   * @throws io.tideline.AnalysisException when the name is ambiguous or a struct field is missing
   */
  Resolution tryResolve(List<String> nameParts, List<Attribute> input) {
    Map<Long, Attribute> matched = new LinkedHashMap<>();
    Map<Long, Integer> consumed = new LinkedHashMap<>();
    for (Attribute a : input) {
      int k = qualifiedMatch(a, nameParts);
      if (k > 0 && !matched.containsKey(a.exprId())) {
        matched.put(a.exprId(), a);
        consumed.put(a.exprId(), k + 1);
      }
    }
    if (matched.isEmpty()) {
      for (Attribute a : input) {
        if (matches(a.name(), nameParts.get(0)) && !matched.containsKey(a.exprId())) {
          matched.put(a.exprId(), a);
          consumed.put(a.exprId(), 1);
        }
      }
    }
    if (matched.isEmpty()) {
      return null;
    }
    if (matched.size() > 1) {
      List<String> names = new ArrayList<>();
      for (Attribute a : matched.values()) {
        names.add(AnalysisErrors.toSqlId(qualifiedName(a)));
      }
      throw AnalysisErrors.ambiguousReference(nameParts, names);
    }
    Attribute attr = matched.values().iterator().next();
    int used = consumed.get(attr.exprId());
    Expr e = attr;
    String last = null;
    for (int i = used; i < nameParts.size(); i++) {
      e = extractField(e, nameParts.get(i));
      last = nameParts.get(i);
    }
    return new Resolution(e, last);
  }

  /** Resolves {@code nameParts} or throws Spark's unresolved-column error with suggestions. */
  Resolution resolve(List<String> nameParts, List<Attribute> input) {
    Resolution r = tryResolve(nameParts, input);
    if (r == null) {
      throw AnalysisErrors.unresolvedColumn(nameParts, suggestions(nameParts, input));
    }
    return r;
  }

  /**
   * How many leading parts of {@code nameParts} name {@code a}'s qualifier when the next part is
   * its name, or 0. Longer qualifiers are tried first so {@code db.t.col} beats {@code t.col}.
   */
  private int qualifiedMatch(Attribute a, List<String> nameParts) {
    List<String> q = a.qualifier();
    for (int k = Math.min(q.size(), nameParts.size() - 1); k >= 1; k--) {
      boolean ok = matches(a.name(), nameParts.get(k));
      for (int i = 0; ok && i < k; i++) {
        ok = matches(q.get(q.size() - k + i), nameParts.get(i));
      }
      if (ok) {
        return k;
      }
    }
    return 0;
  }

  /**
   * {@code base.fieldName}: a struct field (Spark's {@code ExtractValue}), or a map lookup with a
   * string key.
   */
  Expr extractField(Expr base, String fieldName) {
    DataType t = base.dataType();
    if (t instanceof StructType s) {
      int i = fieldOrdinal(s, fieldName);
      return new GetStructField(base, i, s.field(i).name());
    }
    if (t instanceof MapType m) {
      return new GetMapValue(base, TypeCoercion.castTo(Literal.of(fieldName), m.keyType()));
    }
    throw AnalysisErrors.invalidExtractBase(base, t);
  }

  /** The ordinal of {@code name} in {@code s}; missing or ambiguous names are errors. */
  int fieldOrdinal(StructType s, String name) {
    int found = -1;
    int count = 0;
    for (int i = 0; i < s.size(); i++) {
      if (matches(s.field(i).name(), name)) {
        if (found < 0) {
          found = i;
        }
        count++;
      }
    }
    if (found < 0) {
      throw AnalysisErrors.fieldNotFound(name, List.of(s.fieldNames()));
    }
    if (count > 1) {
      throw AnalysisErrors.ambiguousField(name, count);
    }
    return found;
  }

  /**
   * Expands {@code *} to every input column, {@code t.*} to the columns of relation alias {@code
   * t}, and {@code data.*} to the fields of struct column {@code data}, each aliased by its field
   * name.
   */
  List<Expr> expandStar(List<String> target, List<Attribute> input) {
    if (target.isEmpty()) {
      return new ArrayList<>(input);
    }
    List<Expr> byQualifier = new ArrayList<>();
    for (Attribute a : input) {
      if (qualifierEndsWith(a.qualifier(), target)) {
        byQualifier.add(a);
      }
    }
    if (!byQualifier.isEmpty()) {
      return byQualifier;
    }
    Resolution r = tryResolve(target, input);
    if (r == null) {
      List<String> cols = new ArrayList<>();
      for (Attribute a : input) {
        cols.add(AnalysisErrors.toSqlId(a.name()));
      }
      throw AnalysisErrors.cannotResolveStar(target, cols);
    }
    if (!(r.expr().dataType() instanceof StructType s)) {
      throw AnalysisErrors.starNotStruct(target, r.expr().dataType());
    }
    List<Expr> out = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      String name = s.field(i).name();
      out.add(new Alias(new GetStructField(r.expr(), i, name), name));
    }
    return out;
  }

  private boolean qualifierEndsWith(List<String> qualifier, List<String> target) {
    if (target.size() > qualifier.size()) {
      return false;
    }
    int off = qualifier.size() - target.size();
    for (int i = 0; i < target.size(); i++) {
      if (!matches(qualifier.get(off + i), target.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The input columns nearest to {@code nameParts}, as Spark's {@code
   * orderSuggestedIdentifiersBySimilarity} orders them: qualifiers stripped when all columns share
   * one, quoted, sorted (stably) by Levenshtein distance to the name as written.
   */
  List<String> suggestions(List<String> nameParts, List<Attribute> input) {
    List<List<String>> candidates = new ArrayList<>();
    for (Attribute a : input) {
      candidates.add(qualifiedName(a));
    }
    boolean sameQualifier = true;
    for (List<String> c : candidates) {
      sameQualifier &=
          c.subList(0, c.size() - 1)
              .equals(candidates.get(0).subList(0, candidates.get(0).size() - 1));
    }
    List<String> quoted = new ArrayList<>();
    for (List<String> c : candidates) {
      List<String> shown =
          nameParts.size() == 1 && sameQualifier ? c.subList(c.size() - 1, c.size()) : c;
      quoted.add(AnalysisErrors.toSqlId(shown));
    }
    String base = Identifiers.quoteParts(nameParts);
    List<String> sorted = new ArrayList<>(quoted);
    sorted.sort(Comparator.comparingInt(s -> levenshtein(s, base)));
    return sorted.subList(0, Math.min(MAX_SUGGESTIONS, sorted.size()));
  }

  private static List<String> qualifiedName(Attribute a) {
    List<String> parts = new ArrayList<>(a.qualifier());
    parts.add(a.name());
    return parts;
  }

  /** The edit distance between two strings (insertions, deletions, substitutions). */
  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
