import type { Issue } from '../models/issue.js';
import { formatOrigin } from '../models/origin.js';
import { printable } from '../text/printable.js';
import { StrataError } from './strata-error.js';

/** The configuration is invalid. Lists every problem at once; secret values are already redacted. */
export class ConfigValidationError extends StrataError {
  static override readonly errorCode = 'CONFIG_INVALID' as const;

  /** Every error-severity problem. */
  readonly issues: readonly Issue[];
  readonly environment: string;
  /** Non-fatal problems found in the same load (unknown keys outside strict mode, deprecated keys). */
  readonly warnings: readonly Issue[];

  constructor(environment: string, issues: readonly Issue[], warnings: readonly Issue[] = []) {
    super('CONFIG_INVALID', formatIssues(environment, issues));
    this.issues = issues;
    this.environment = environment;
    this.warnings = warnings;
  }
}

/** `server.port: must not be greater than 65535 — got 70000 from env APP_SERVER__PORT` */
export function formatIssue(issue: Issue): string {
  // Paths come from keys and variable names, messages may quote one: an issue is one line, escaped whole.
  let text = `${printable(issue.path)}: ${printable(issue.message)}`;
  if (issue.value !== undefined && issue.origin)
    text += ` — got ${printable(issue.value)} from ${formatOrigin(issue.origin)}`;
  else if (issue.value !== undefined) text += ` — got ${printable(issue.value)}`;
  else if (issue.origin) text += ` — from ${formatOrigin(issue.origin)}`;
  if (issue.hint) text += ` (${printable(issue.hint)})`;
  return text;
}

function formatIssues(environment: string, issues: readonly Issue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return [
    `Configuration for environment "${environment}" is invalid (${count}):`,
    ...issues.map((i) => `  ${formatIssue(i)}`),
  ].join('\n');
}
