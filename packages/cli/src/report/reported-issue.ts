import type { Issue } from '@strata/core';

/**
 * What kind of problem an issue is, for reports:
 * - `type`: a value of the wrong type;
 * - `required`: a required value no source sets;
 * - `constraint`: a value that breaks a validation rule (`max`, `isIn`, …);
 * - `unknownKey`: a key no schema field reads, from a source other than a file (an `APP_` variable, a flag);
 * - `unreadFileKey`: a key set in a file that the schema never reads;
 * - `deprecated`: a deprecated key in use;
 * - `source`: a source failed (a parse error, an unreachable server, a value that cannot be decrypted).
 */
export type IssueCategory =
  | 'type'
  | 'required'
  | 'constraint'
  | 'unknownKey'
  | 'unreadFileKey'
  | 'deprecated'
  | 'source';

/** A core `Issue` with its report category. Values are already redacted by core. */
export interface ReportedIssue extends Issue {
  readonly category: IssueCategory;
}

const sourceRules = new Set(['parse', 'source', 'decryption', 'secretSource', 'unsafeKey']);

/** The category of an issue. */
export function categoryOf(issue: Issue): IssueCategory {
  switch (issue.constraint) {
    case 'type':
      return 'type';
    case 'required':
    case 'isDefined':
      return 'required';
    case 'unknownKey':
      return issue.origin?.source === 'file' ? 'unreadFileKey' : 'unknownKey';
    case 'deprecated':
      return 'deprecated';
    default:
      return sourceRules.has(issue.constraint) ? 'source' : 'constraint';
  }
}

/** The issue with its category. */
export function categorize(issue: Issue): ReportedIssue {
  return { ...issue, category: categoryOf(issue) };
}

/** Human labels for the text report. */
export const categoryLabels: { readonly [K in IssueCategory]: string } = {
  type: 'type',
  required: 'required',
  constraint: 'invalid',
  unknownKey: 'unknown key',
  unreadFileKey: 'file key not read',
  deprecated: 'deprecated',
  source: 'source',
};
