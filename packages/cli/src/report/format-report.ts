import { ConfigValidationError, formatIssue } from '@strata/core';
import { printable } from '@strata/core/source';
import type { EnvironmentReport } from './check-environment.js';
import { categoryLabels, type ReportedIssue } from './reported-issue.js';

/** The text report for one environment, as `strata validate` prints it. */
export function formatSingleReport(report: EnvironmentReport): string {
  const lines: string[] = [];
  if (report.valid) {
    lines.push(`✓ configuration for "${report.name}" is valid (${plural(report.values ?? 0, 'value')})`);
  } else {
    lines.push(`✗ ${failureMessage(report)}`);
  }
  for (const issue of report.warnings) lines.push(`warning: ${issueText(issue)}`);
  for (const note of [...report.notes, ...dotenvNotes(report)]) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** The text report for several environments, one block each, then a summary line. */
export function formatMultiReport(reports: readonly EnvironmentReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(
      report.valid
        ? `✓ ${report.name}: valid (${plural(report.values ?? 0, 'value')})`
        : `✗ ${report.name}: invalid (${plural(report.errors.length, 'problem')})`,
    );
    for (const issue of report.errors)
      lines.push(indent(`error [${categoryLabels[issue.category]}] ${issueText(issue)}`));
    for (const issue of report.warnings) {
      lines.push(indent(`warning [${categoryLabels[issue.category]}] ${issueText(issue)}`));
    }
    for (const note of [...report.notes, ...dotenvNotes(report)]) lines.push(indent(`note: ${note}`));
  }
  const invalid = reports.filter((report) => !report.valid).length;
  lines.push(
    '',
    `${plural(reports.length, 'environment')} checked: ${reports.length - invalid} valid, ${invalid} invalid`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Why an environment is invalid: the `ConfigValidationError` message listing every problem, or the
 * message of the source that failed.
 */
export function failureMessage(report: EnvironmentReport): string {
  const validation = report.errors.filter((issue) => issue.category !== 'source');
  // A problem tied to a setting (a value that cannot be decrypted) keeps its path and origin.
  const sources = report.errors
    .filter((issue) => issue.category === 'source')
    .map((issue) => (issue.path === '' ? issue.message : issueText(issue)));
  const loading =
    sources.length === 0
      ? []
      : [
          `Configuration for environment "${report.name}" could not be loaded:`,
          ...sources.map((s) => indentBy(s, '  ')),
        ];
  if (validation.length === 0) return loading.join('\n');
  return [new ConfigValidationError(report.name, validation).message, ...loading].join('\n');
}

/**
 * Which `.env` files the check read or left out: a developer's `.env` can make an environment pass that
 * would fail where it is deployed, so the report says where such values came from.
 */
function dotenvNotes(report: EnvironmentReport): string[] {
  const notes: string[] = [];
  const { used, leftOut } = report.dotenv;
  if (used.length > 0) notes.push(`values taken from ${printable(used.join(', '))}`);
  if (leftOut.length > 0) {
    notes.push(
      `${printable(leftOut.join(', '))} left out: shared .env files are read for the default environment only (--dotenv-all reads them for every environment)`,
    );
  }
  return notes;
}

function issueText(issue: ReportedIssue): string {
  return issue.category === 'source' && issue.path === '' ? issue.message : formatIssue(issue);
}

function indent(text: string): string {
  return indentBy(text, '    ');
}

function indentBy(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** `1 value`, `3 values`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
