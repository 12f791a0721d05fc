package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.Exprs.attr;
import static io.tideline.internal.analysis.Exprs.col;
import static io.tideline.internal.analysis.Exprs.star;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.GetArrayItem;
import io.tideline.internal.expr.GetMapValue;
import io.tideline.internal.expr.GetStructField;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnresolvedExtract;
import io.tideline.types.ArrayType;
import io.tideline.types.DataTypes;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameResolutionTest {
  private static final StructType ADDRESS =
      new StructType().add("city", DataTypes.StringType).add("zip", DataTypes.IntegerType);
  private static final StructType DATA =
      new StructType()
          .add("amount", DataTypes.DoubleType)
          .add("product", DataTypes.StringType)
          .add("address", ADDRESS);

  private final Attribute orderId = attr("order_id", DataTypes.StringType);
  private final Attribute amount = attr("amount", DataTypes.DoubleType);
  private final Attribute data = attr("data", DATA);
  private final List<Attribute> input = List.of(orderId, amount, data);
  private final ExpressionResolver resolver = Exprs.ansi();

  @Test
  void resolve_plainColumn_givesTheInputAttribute() {
    assertThat(resolver.resolve(col("amount"), input, false)).isEqualTo(amount);
  }

  @Test
  void resolve_differentCase_matchesCaseInsensitivelyByDefault() {
    assertThat(resolver.resolve(col("AMOUNT"), input, false)).isEqualTo(amount);
  }

  @Test
  void resolve_differentCaseWhenCaseSensitive_isUnresolved() {
    ExpressionResolver sensitive =
        new ExpressionResolver(new TidelineConf().set(TidelineConf.CASE_SENSITIVE, "true"));
    assertThatThrownBy(() -> sensitive.resolve(col("AMOUNT"), input, false))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION]");
  }

  @Test
  void resolve_nestedField_givesGetStructFieldChain() {
    Expr e = resolver.resolve(col("data", "address", "city"), input, false);
    assertThat(e).isEqualTo(new GetStructField(new GetStructField(data, 2, "address"), 0, "city"));
    assertThat(e.dataType()).isEqualTo(DataTypes.StringType);
  }

  @Test
  void resolve_nestedFieldInOtherCase_usesTheSchemaName() {
    Expr e = resolver.resolve(col("DATA", "Amount"), input, false);
    assertThat(e).isEqualTo(new GetStructField(data, 0, "amount"));
  }

  @Test
  void resolve_qualifiedColumn_matchesTheRelationAlias() {
    Attribute left = attr("id", DataTypes.LongType).withQualifier(List.of("o"));
    Attribute right = attr("id", DataTypes.LongType).withQualifier(List.of("c"));
    assertThat(resolver.resolve(col("c", "id"), List.of(left, right), false)).isEqualTo(right);
    assertThat(resolver.resolve(col("O", "ID"), List.of(left, right), false)).isEqualTo(left);
  }

  @Test
  void resolve_qualifierTriedBeforeStructField() {
    // `t.x` names column x of relation t, even though struct column t has a field x.
    Attribute struct = attr("t", new StructType().add("x", DataTypes.IntegerType));
    Attribute qualified = attr("x", DataTypes.StringType).withQualifier(List.of("t"));
    assertThat(resolver.resolve(col("t", "x"), List.of(struct, qualified), false))
        .isEqualTo(qualified);
  }

  @Test
  void resolve_qualifiedNestedField_extractsAfterTheColumn() {
    Attribute q = data.withQualifier(List.of("o"));
    assertThat(resolver.resolve(col("o", "data", "amount"), List.of(q), false))
        .isEqualTo(new GetStructField(q, 0, "amount"));
  }

  @Test
  void resolve_sameNameOnBothSides_isAmbiguousListingCandidates() {
    Attribute left = attr("id", DataTypes.LongType).withQualifier(List.of("o"));
    Attribute right = attr("id", DataTypes.LongType).withQualifier(List.of("c"));
    assertThatThrownBy(() -> resolver.resolve(col("id"), List.of(left, right), false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("AMBIGUOUS_REFERENCE");
              assertThat(e.parameters())
                  .containsEntry("name", "`id`")
                  .containsEntry("referenceNames", "`o`.`id`, `c`.`id`");
            });
  }

  @Test
  void resolve_namesDifferingOnlyInCase_areAmbiguousWhenCaseInsensitive() {
    Attribute lower = attr("a", DataTypes.LongType);
    Attribute upper = attr("A", DataTypes.LongType);
    assertThatThrownBy(() -> resolver.resolve(col("a"), List.of(lower, upper), false))
        .hasMessageStartingWith("[AMBIGUOUS_REFERENCE] Reference `a` is ambiguous");
  }

  @Test
  void resolve_unknownColumn_suggestsNearestNamesFirst() {
    List<Attribute> cols =
        List.of(
            attr("customer_id", DataTypes.LongType),
            attr("amount", DataTypes.DoubleType),
            attr("amounts", DataTypes.DoubleType),
            attr("order_time", DataTypes.TimestampType));
    assertThatThrownBy(() -> resolver.resolve(col("amout"), cols, false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("UNRESOLVED_COLUMN.WITH_SUGGESTION");
              assertThat(e.getSqlState()).isEqualTo("42703");
              assertThat(e.parameters().get("proposal"))
                  .isEqualTo("`amount`, `amounts`, `order_time`, `customer_id`");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function"
                          + " parameter with name `amout` cannot be resolved. Did you mean one"
                          + " of the following? [`amount`, `amounts`, `order_time`,"
                          + " `customer_id`].");
            });
  }

  @Test
  void resolve_unknownColumn_proposesAtMostFiveNames() {
    List<Attribute> cols =
        List.of(
            attr("a1", DataTypes.LongType),
            attr("a2", DataTypes.LongType),
            attr("a3", DataTypes.LongType),
            attr("a4", DataTypes.LongType),
            attr("a5", DataTypes.LongType),
            attr("a6", DataTypes.LongType));
    assertThatThrownBy(() -> resolver.resolve(col("b"), cols, false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> assertThat(e.parameters().get("proposal").split(", ")).hasSize(5));
  }

  @Test
  void resolve_unknownColumnWithQualifiedInput_keepsQualifiersOnlyWhenTheyDiffer() {
    List<Attribute> cols =
        List.of(
            attr("id", DataTypes.LongType).withQualifier(List.of("o")),
            attr("name", DataTypes.StringType).withQualifier(List.of("c")));
    assertThatThrownBy(() -> resolver.resolve(col("nam"), cols, false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> assertThat(e.parameters().get("proposal")).isEqualTo("`c`.`name`, `o`.`id`"));
  }

  @Test
  void resolve_noInputColumns_isUnresolvedWithoutSuggestion() {
    assertThatThrownBy(() -> resolver.resolve(col("x"), List.of(), false))
        .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION]");
  }

  @Test
  void resolve_missingStructField_isFieldNotFound() {
    assertThatThrownBy(() -> resolver.resolve(col("data", "price"), input, false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("FIELD_NOT_FOUND");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "[FIELD_NOT_FOUND] No such struct field `price` in `amount`, `product`,"
                          + " `address`.");
            });
  }

  @Test
  void resolve_fieldOfNonStruct_isInvalidExtractBase() {
    assertThatThrownBy(() -> resolver.resolve(col("amount", "x"), input, false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_EXTRACT_BASE_FIELD_TYPE");
              assertThat(e.parameters()).containsEntry("other", "\"DOUBLE\"");
            });
  }

  @Test
  void resolve_dottedNameOnMap_looksUpTheKey() {
    Attribute m = attr("m", new MapType(DataTypes.StringType, DataTypes.LongType, true));
    assertThat(resolver.resolve(col("m", "k"), List.of(m), false))
        .isEqualTo(new GetMapValue(m, Literal.of("k")));
  }

  @Test
  void resolveNamed_star_expandsToAllColumnsInOrder() {
    assertThat(resolver.resolveNamed(List.of(star()), input))
        .containsExactly(orderId, amount, data);
  }

  @Test
  void resolveNamed_structStar_expandsToFieldsAliasedByName() {
    List<Expr> out = resolver.resolveNamed(List.of(star("data")), input);
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isEqualTo(new Alias(new GetStructField(data, 0, "amount"), "amount"));
    assertThat(((Alias) out.get(2)).name()).isEqualTo("address");
    assertThat(out.get(2).dataType()).isEqualTo(ADDRESS);
  }

  @Test
  void resolveNamed_qualifierStar_expandsToThatRelationsColumns() {
    Attribute a = attr("id", DataTypes.LongType).withQualifier(List.of("o"));
    Attribute b = attr("id", DataTypes.LongType).withQualifier(List.of("c"));
    Attribute c = attr("name", DataTypes.StringType).withQualifier(List.of("c"));
    assertThat(resolver.resolveNamed(List.of(star("c")), List.of(a, b, c))).containsExactly(b, c);
  }

  @Test
  void resolveNamed_starOfNonStruct_fails() {
    assertThatThrownBy(() -> resolver.resolveNamed(List.of(star("amount")), input))
        .hasMessageContaining("Can only star expand struct data types");
  }

  @Test
  void resolveNamed_starOfUnknown_failsListingColumns() {
    assertThatThrownBy(() -> resolver.resolveNamed(List.of(star("nope")), input))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("CANNOT_RESOLVE_STAR_EXPAND");
              assertThat(e.parameters()).containsEntry("columns", "[`order_id`, `amount`, `data`]");
            });
  }

  @Test
  void resolve_starOutsideSelectList_isInvalidUsage() {
    assertThatThrownBy(() -> resolver.resolve(star(), input, false))
        .hasMessageStartingWith("[INVALID_USAGE_OF_STAR_OR_REGEX]");
  }

  @Test
  void resolve_extractStructFieldBySubscript_givesGetStructField() {
    Expr e =
        resolver.resolve(
            new UnresolvedExtract(col("data"), Literal.of("product"), false), input, false);
    assertThat(e).isEqualTo(new GetStructField(data, 1, "product"));
  }

  @Test
  void resolve_extractArrayItem_keepsIntegralIndex() {
    Attribute arr = attr("arr", new ArrayType(DataTypes.StringType, true));
    Expr e =
        resolver.resolve(
            new UnresolvedExtract(col("arr"), Literal.of(0), false), List.of(arr), false);
    assertThat(e).isEqualTo(new GetArrayItem(arr, Literal.of(0)));
    assertThat(e.dataType()).isEqualTo(DataTypes.StringType);
  }

  @Test
  void resolve_extractMapValue_castsKeyToKeyType() {
    Attribute m = attr("m", new MapType(DataTypes.LongType, DataTypes.StringType, true));
    Expr e =
        resolver.resolve(new UnresolvedExtract(col("m"), Literal.of(1), false), List.of(m), false);
    assertThat(e).isInstanceOf(GetMapValue.class);
    assertThat(((GetMapValue) e).key().dataType()).isEqualTo(DataTypes.LongType);
  }

  @Test
  void resolve_extractFromInteger_isInvalidExtractBase() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    new UnresolvedExtract(col("amount"), Literal.of(0), false), input, false))
        .hasMessage(
            "[INVALID_EXTRACT_BASE_FIELD_TYPE] Can't extract a value from \"amount\". Need a"
                + " complex type [STRUCT, ARRAY, MAP] but got \"DOUBLE\".");
  }

  @Test
  void resolve_extractStructWithNumber_isInvalidExtractField() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    new UnresolvedExtract(col("data"), Literal.of(1), false), input, false))
        .hasMessageStartingWith("[INVALID_EXTRACT_FIELD_TYPE]");
  }

  @Test
  void resolve_attributeFromDataFrame_takesTheInputsVersion() {
    Attribute stale = amount.withNullable(false);
    assertThat(resolver.resolve(stale, input, false)).isSameAs(amount);
  }

  @Test
  void resolve_attributeOfAnotherPlan_fallsBackToTheColumnName() {
    Attribute other = attr("amount", DataTypes.DoubleType);
    assertThat(resolver.resolve(other, input, false)).isSameAs(amount);
  }

  @Test
  void resolve_attributeMissingFromInput_isUnresolvedColumn() {
    Attribute gone = attr("price", DataTypes.DoubleType);
    assertThatThrownBy(() -> resolver.resolve(gone, input, false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("UNRESOLVED_COLUMN.WITH_SUGGESTION");
              assertThat(e.parameters()).containsEntry("objectName", "`price`");
            });
  }

  @Test
  void resolve_fieldNamesDifferingOnlyInCase_areAmbiguousFields() {
    Attribute s =
        attr("s", new StructType().add("a", DataTypes.IntegerType).add("A", DataTypes.LongType));
    assertThatThrownBy(() -> resolver.resolve(col("s", "a"), List.of(s), false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("AMBIGUOUS_REFERENCE_TO_FIELDS");
              assertThat(e.parameters()).containsEntry("count", "2");
            });
    ExpressionResolver sensitive =
        new ExpressionResolver(new TidelineConf().set(TidelineConf.CASE_SENSITIVE, "true"));
    assertThat(sensitive.resolve(col("s", "A"), List.of(s), false))
        .isEqualTo(new GetStructField(s, 1, "A"));
  }

  @Test
  void resolve_multiPartQualifier_matchesItsSuffixes() {
    Attribute a = attr("id", DataTypes.LongType).withQualifier(List.of("db", "t"));
    assertThat(resolver.resolve(col("t", "id"), List.of(a), false)).isEqualTo(a);
    assertThat(resolver.resolve(col("db", "t", "id"), List.of(a), false)).isEqualTo(a);
  }

  @Test
  void resolve_unknownQualifiedName_showsTheFullName() {
    Attribute a = attr("id", DataTypes.LongType).withQualifier(List.of("o"));
    assertThatThrownBy(() -> resolver.resolve(col("o", "idd"), List.of(a), false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e ->
                assertThat(e.parameters())
                    .containsEntry("objectName", "`o`.`idd`")
                    .containsEntry("proposal", "`o`.`id`"));
  }

  @Test
  void resolve_aliasedExpression_dropsTheAlias() {
    assertThat(resolver.resolve(new Alias(col("amount"), "a"), input, false)).isEqualTo(amount);
  }

  @Test
  void levenshtein_countsEdits() {
    assertThat(NameResolver.levenshtein("kitten", "sitting")).isEqualTo(3);
    assertThat(NameResolver.levenshtein("", "abc")).isEqualTo(3);
    assertThat(NameResolver.levenshtein("same", "same")).isZero();
  }
}
