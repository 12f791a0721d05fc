package io.tideline.internal.analysis;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Between;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.GetArrayItem;
import io.tideline.internal.expr.GetMapValue;
import io.tideline.internal.expr.GetStructField;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnresolvedColumn;
import io.tideline.internal.expr.UnresolvedExtract;
import io.tideline.internal.expr.UnresolvedFunction;
import io.tideline.internal.expr.UnresolvedStar;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves expressions against the output columns of an operator's input: names to {@link
 * Attribute}s (case-insensitive by default, nested fields, relation qualifiers), functions to
 * {@code ScalarCall}/{@code AggregateCall} with Spark's type rules, implicit casts inserted by
 * Spark's type coercion, stars expanded, and output names given by Spark's aliasing rules.
 *
 * <p>Called by the DataFrame API as each operation is added, so errors surface before any data
 * moves. All failures are {@link io.tideline.AnalysisException}s naming the expression, the column,
 * and the nearest existing names.
 *
 * <p>Resolution is one bottom-up pass: children first, then the node's own rule (name lookup in
 * {@link NameResolver}, operator coercion in {@link OperatorCoercion}, function resolution in
 * {@link FunctionRegistry}). Unlike Spark's fixed-point analyser, each rule sees fully resolved
 * children, so one pass reaches the same result. The conf is read on every call, so a changed
 * {@code tideline.sql.ansi.enabled} or {@code tideline.sql.caseSensitive} applies to the next
 * resolution.
 */
public final class ExpressionResolver {
  private final TidelineConf conf;

  public ExpressionResolver(TidelineConf conf) {
    this.conf = conf;
  }

  public TidelineConf conf() {
    return conf;
  }

  /**
   * The type two columns of a set operation widen to (Spark's {@code findWiderTypeForTwo}, under
   * the session's ANSI setting), or null when they have none.
   */
  public DataType widerType(DataType a, DataType b) {
    return new TypeCoercion(conf.ansiEnabled(), conf.caseSensitive()).findWiderTypeForTwo(a, b);
  }

  /**
   * Resolves a select list: expands stars, resolves each expression, and names each output ({@link
   * Attribute} for a plain column, {@code Alias} otherwise, named as Spark names it, e.g. {@code
   * CAST(value AS STRING)} keeps the name {@code value}, {@code data.amount} is {@code amount},
   * {@code sum(amount)} is {@code sum(amount)}). Aggregate calls are allowed.
   */
  public List<Expr> resolveNamed(List<Expr> exprs, List<Attribute> input) {
    Pass pass = new Pass(input);
    List<Expr> out = new ArrayList<>();
    for (Expr e : exprs) {
      if (e instanceof UnresolvedStar star) {
        out.addAll(pass.names.expandStar(star.target(), input));
      } else if (e instanceof Alias a) {
        Expr child = FunctionCall.stripAlias(pass.resolve(a.child(), false));
        out.add(new Alias(child, a.name(), a.exprId()));
      } else if (e instanceof UnresolvedColumn c) {
        NameResolver.Resolution r = pass.names.resolve(c.nameParts(), input);
        out.add(r.nested() ? new Alias(r.expr(), r.lastFieldName()) : r.expr());
      } else {
        Expr resolved = pass.resolve(e, false);
        if (resolved instanceof Attribute || resolved instanceof Alias) {
          out.add(resolved);
        } else {
          out.add(new Alias(resolved, pass.outputName(resolved)));
        }
      }
    }
    return out;
  }

  /**
   * Resolves one expression (no star); aggregates allowed only when {@code allowAggregates}.
   * Aliases are dropped, at the top too: the caller names the result ({@code withColumn}), as
   * Spark's {@code CleanupAliases} leaves only the outermost name; use {@link #resolveNamed} to
   * keep a name.
   */
  public Expr resolve(Expr expr, List<Attribute> input, boolean allowAggregates) {
    Expr resolved = FunctionCall.stripAlias(new Pass(input).resolve(expr, false));
    if (!allowAggregates) {
      List<Expr> aggregates = aggregatesIn(resolved);
      if (!aggregates.isEmpty()) {
        throw AnalysisErrors.aggregateNotAllowed(aggregates);
      }
    }
    return resolved;
  }

  /**
   * Resolves a filter or join condition, which must be BOOLEAN (Spark's {@code
   * DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN} otherwise); no aggregates.
   */
  public Expr resolvePredicate(Expr expr, List<Attribute> input) {
    // A name on a condition means nothing to a filter: drop it, as Spark's CleanupAliases does.
    Expr resolved = FunctionCall.stripAlias(new Pass(input).resolve(expr, false));
    List<Expr> aggregates = aggregatesIn(resolved);
    if (!aggregates.isEmpty()) {
      throw AnalysisErrors.aggregateInWhere(resolved, aggregates);
    }
    DataType t = resolved.dataType();
    if (TypeCoercion.isNull(t)) {
      return TypeCoercion.castTo(resolved, DataTypes.BooleanType);
    }
    if (!TypeCoercion.is(t, io.tideline.types.AtomicType.Kind.BOOLEAN)) {
      throw AnalysisErrors.filterNotBoolean(resolved);
    }
    return resolved;
  }

  /** The name Spark gives the output column of an unaliased resolved expression. */
  public String outputName(Expr resolved) {
    Expr e = resolved instanceof Cast c ? c.child() : resolved;
    if (e instanceof Attribute a) {
      return a.name();
    }
    if (e instanceof Alias a) {
      return a.name();
    }
    return OutputNames.pretty(resolved, Map.of(), conf.sessionTimeZone());
  }

  private static List<Expr> aggregatesIn(Expr e) {
    List<Expr> out = new ArrayList<>();
    collectAggregates(e, out);
    return out;
  }

  private static void collectAggregates(Expr e, List<Expr> out) {
    if (e instanceof AggregateCall) {
      out.add(e);
      return;
    }
    for (Expr c : e.children()) {
      collectAggregates(c, out);
    }
  }

  /** One resolution: the input, the mode read from the conf, and names recorded on the way. */
  private final class Pass {
    final List<Attribute> input;
    final NameResolver names;
    final TypeCoercion coercion;
    final OperatorCoercion operators;
    final Map<Expr, String> calledNames = new IdentityHashMap<>();

    Pass(List<Attribute> input) {
      this.input = input;
      this.names = new NameResolver(conf.caseSensitive());
      this.coercion = new TypeCoercion(conf.ansiEnabled(), conf.caseSensitive());
      this.operators = OperatorCoercion.of(coercion);
    }

    String outputName(Expr resolved) {
      // Spark's ResolveAliases: a cast of a column keeps the column's name.
      if (resolved instanceof Cast c && c.child() instanceof Attribute a) {
        return a.name();
      }
      return OutputNames.pretty(resolved, calledNames, conf.sessionTimeZone());
    }

    /** Resolves {@code e}; {@code insideAggregate} when an aggregate call encloses it. */
    Expr resolve(Expr e, boolean insideAggregate) {
      if (e instanceof UnresolvedColumn c) {
        return names.resolve(c.nameParts(), input).expr();
      }
      if (e instanceof Attribute a) {
        return current(a);
      }
      if (e instanceof Literal || e instanceof BoundReference) {
        return e;
      }
      if (e instanceof UnresolvedStar) {
        throw AnalysisErrors.invalidStarUsage("the expression " + e.sql());
      }
      if (e instanceof Alias a) {
        return new Alias(resolve(a.child(), insideAggregate), a.name(), a.exprId());
      }
      if (e instanceof UnresolvedFunction f) {
        return function(f, insideAggregate);
      }
      if (e instanceof UnresolvedExtract x) {
        return extract(x, insideAggregate);
      }
      if (e instanceof BinaryOp b) {
        return operators.binary(
            b.op(), child(b.left(), insideAggregate), child(b.right(), insideAggregate));
      }
      if (e instanceof UnaryOp u) {
        return operators.unary(u.op(), child(u.child(), insideAggregate));
      }
      if (e instanceof Between b) {
        Expr v = child(b.value(), insideAggregate);
        Expr lo = child(b.lower(), insideAggregate);
        Expr hi = child(b.upper(), insideAggregate);
        return operators.binary(
            BinaryOperator.AND,
            operators.binary(BinaryOperator.GE, v, lo),
            operators.binary(BinaryOperator.LE, v, hi));
      }
      if (e instanceof In in) {
        List<Expr> list = new ArrayList<>();
        for (Expr x : in.list()) {
          list.add(child(x, insideAggregate));
        }
        return operators.in(child(in.value(), insideAggregate), list);
      }
      if (e instanceof Like l) {
        return operators.like(
            l, child(l.value(), insideAggregate), child(l.pattern(), insideAggregate));
      }
      if (e instanceof CaseWhen cw) {
        List<Expr> conds = new ArrayList<>();
        List<Expr> vals = new ArrayList<>();
        for (int i = 0; i < cw.conditions().size(); i++) {
          conds.add(child(cw.conditions().get(i), insideAggregate));
          vals.add(child(cw.values().get(i), insideAggregate));
        }
        Expr els = cw.elseValue() == null ? null : child(cw.elseValue(), insideAggregate);
        return operators.caseWhen(conds, vals, els);
      }
      if (e instanceof Cast c) {
        Expr child = child(c.child(), insideAggregate);
        Cast cast = new Cast(child, c.to(), c.tryCast(), c.implicit());
        if (!coercion.canCast(child.dataType(), c.to())) {
          boolean legalWithAnsiOff =
              coercion.ansi()
                  && new TypeCoercion(false, conf.caseSensitive())
                      .canCast(child.dataType(), c.to());
          throw AnalysisErrors.cannotCast(
              cast, child.dataType(), c.to(), coercion.ansi(), legalWithAnsiOff);
        }
        return cast;
      }
      if (e instanceof SortOrder s) {
        return new SortOrder(child(s.child(), insideAggregate), s.ascending(), s.nullsFirst());
      }
      if (e instanceof AggregateCall a) {
        if (insideAggregate) {
          throw AnalysisErrors.nestedAggregate(a);
        }
        return resolveChildren(a, true);
      }
      if (e instanceof ScalarCall
          || e instanceof GetStructField
          || e instanceof GetArrayItem
          || e instanceof GetMapValue) {
        return resolveChildren(e, insideAggregate);
      }
      throw new IllegalStateException(
          "Bug in Tideline: the analyser has no rule for " + e.getClass().getSimpleName());
    }

    private Expr child(Expr e, boolean insideAggregate) {
      return FunctionCall.stripAlias(resolve(e, insideAggregate));
    }

    private Expr resolveChildren(Expr e, boolean insideAggregate) {
      List<Expr> kids = new ArrayList<>();
      boolean changed = false;
      for (Expr k : e.children()) {
        Expr r = child(k, insideAggregate);
        changed |= r != k;
        kids.add(r);
      }
      return changed ? e.withChildren(kids) : e;
    }

    /**
     * An attribute from a DataFrame's column: the input's current version of the column with the
     * same id (its nullability may have changed below), else the input column of the same name (as
     * Spark falls back to the name when a column's plan is not an ancestor), else Spark's
     * unresolved-column error.
     */
    private Attribute current(Attribute a) {
      for (Attribute in : input) {
        if (in.exprId() == a.exprId()) {
          return in;
        }
      }
      List<String> parts = new ArrayList<>(a.qualifier());
      parts.add(a.name());
      NameResolver.Resolution r = names.tryResolve(parts, input);
      if (r == null && !a.qualifier().isEmpty()) {
        r = names.tryResolve(List.of(a.name()), input);
      }
      if (r != null && r.expr() instanceof Attribute found) {
        return found;
      }
      throw AnalysisErrors.unresolvedColumn(
          List.of(a.name()), names.suggestions(List.of(a.name()), input));
    }

    private Expr function(UnresolvedFunction f, boolean insideAggregate) {
      FunctionRegistry.Spec spec = FunctionRegistry.lookup(f.name());
      if (spec == null) {
        throw AnalysisErrors.unresolvedRoutine(f.name(), FunctionRegistry.suggestions(f.name()));
      }
      if (spec.aggregate() && insideAggregate) {
        throw AnalysisErrors.nestedAggregate(f);
      }
      if (f.distinct() && !spec.aggregate()) {
        throw AnalysisErrors.unsupportedSyntax(f.name(), "DISTINCT");
      }
      List<Expr> args = new ArrayList<>();
      boolean countStar =
          spec.name().equals("count")
              && f.args().size() == 1
              && f.args().get(0) instanceof UnresolvedStar s
              && s.target().isEmpty();
      if (countStar) {
        args.add(Literal.of(1));
      } else {
        for (Expr a : f.args()) {
          if (a instanceof UnresolvedStar star) {
            args.addAll(names.expandStar(star.target(), input));
          } else {
            args.add(resolve(a, insideAggregate || spec.aggregate()));
          }
        }
      }
      int n = args.size();
      if (n < spec.minArgs() || (spec.maxArgs() >= 0 && n > spec.maxArgs())) {
        throw AnalysisErrors.wrongNumArgs(f.name(), spec.expectedArgs(), n);
      }
      FunctionCall call = new FunctionCall(spec.name(), args, f.distinct(), coercion, calledNames);
      return spec.builder().build(call);
    }

    private Expr extract(UnresolvedExtract x, boolean insideAggregate) {
      Expr base = child(x.child(), insideAggregate);
      Expr extraction = child(x.extraction(), insideAggregate);
      DataType t = base.dataType();
      Literal lit = FunctionCall.asLiteral(extraction);
      if (x.dotted()) {
        if (lit == null || !(lit.value() instanceof String field)) {
          throw AnalysisErrors.invalidExtractField(extraction);
        }
        return names.extractField(base, field);
      }
      if (t instanceof StructType s) {
        if (lit == null || !(lit.value() instanceof String field)) {
          throw AnalysisErrors.invalidExtractField(extraction);
        }
        int i = names.fieldOrdinal(s, field);
        return new GetStructField(base, i, s.field(i).name());
      }
      if (t instanceof ArrayType) {
        DataType it = coercion.implicitCastType(extraction.dataType(), ExpectedType.INTEGRAL);
        if (it == null) {
          throw AnalysisErrors.unexpectedInputType(
              new GetArrayItem(base, extraction), 1, "\"INTEGRAL\"", extraction);
        }
        return new GetArrayItem(base, TypeCoercion.castTo(extraction, it));
      }
      if (t instanceof MapType m) {
        DataType kt =
            coercion.implicitCastType(extraction.dataType(), ExpectedType.of(m.keyType()));
        if (kt == null) {
          throw AnalysisErrors.unexpectedInputType(
              new GetMapValue(base, extraction), 1, ExpectedType.of(m.keyType()).sql(), extraction);
        }
        return new GetMapValue(base, TypeCoercion.castTo(extraction, kt));
      }
      throw AnalysisErrors.invalidExtractBase(base, t);
    }
  }
}
