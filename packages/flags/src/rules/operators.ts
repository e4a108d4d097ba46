/** The operators a condition may use. */
export const OPERATORS = Object.freeze([
  'equals',
  'notEquals',
  'in',
  'notIn',
  'semver',
  'regex',
  'lt',
  'lte',
  'gt',
  'gte',
] as const);

/** One operator name. */
export type Operator = (typeof OPERATORS)[number];
