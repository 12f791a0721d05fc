package io.tideline.testkit.stream;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.util.function.Consumer;

/**
 * What an expected query failure must look like: matched against every throwable of the failure's
 * cause chain, since the engine wraps a batch's error in a {@code StreamingQueryException}.
 */
final class FailureMatcher {

  private final String expectation;
  private final java.util.function.Predicate<Throwable> test;
  private final Consumer<? super Throwable> check;

  private FailureMatcher(
      String expectation,
      java.util.function.Predicate<Throwable> test,
      Consumer<? super Throwable> check) {
    this.expectation = expectation;
    this.test = test;
    this.check = check;
  }

  static FailureMatcher ofType(Class<? extends Throwable> type) {
    return new FailureMatcher("an error of type " + type.getName(), type::isInstance, t -> {});
  }

  static FailureMatcher ofCondition(ErrorCondition condition) {
    return new FailureMatcher(
        "an error of condition [" + condition.conditionName() + "]",
        t -> t instanceof TidelineException e && e.getCondition().equals(condition.conditionName()),
        t -> {});
  }

  static FailureMatcher ofMessage(String fragment) {
    return new FailureMatcher(
        "an error whose message contains \"" + fragment + "\"",
        t -> t.getMessage() != null && t.getMessage().contains(fragment),
        t -> {});
  }

  /** This matcher, then {@code more} run on the whole failure. */
  FailureMatcher andThen(Consumer<? super Throwable> more) {
    return new FailureMatcher(expectation, test, more);
  }

  String expectation() {
    return expectation;
  }

  /** Whether some throwable of {@code failure}'s cause chain matches. */
  boolean matches(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }

  /** Runs the extra check on a matching failure. */
  void check(Throwable failure) {
    check.accept(failure);
  }
}
