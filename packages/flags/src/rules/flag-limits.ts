/**
 * Bounds on a flag's rule tree, checked at validation. A source already bounds its input as a whole; these
 * keep one flag's evaluation cheap and its patterns safe to run on request data.
 */
export const FLAG_LIMITS = Object.freeze({
  /** Rules per flag. */
  maxRules: 200,
  /** Conditions per rule. */
  maxConditions: 50,
  /** Items of one `in` / `notIn` list. */
  maxListItems: 10_000,
  /** Characters of one `regex` pattern. */
  maxPatternLength: 1_000,
  /**
   * Characters of a context attribute a `regex` is run on: a longer value never matches, so a request cannot
   * make a pattern backtrack over megabytes.
   */
  maxTestedLength: 4_096,
});
