import { type Config, ConfigValidationError, formatIssue, type Issue } from '@strata/core';
import { printable } from '@strata/core/source';
import { deepEqual } from '@strata/core/tooling';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { flagOption, formatChoice, noPositionals, stringsOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { environmentOf } from '../definition/definition-setup.js';
import type { LoadedDefinition } from '../definition/load-definition.js';
import { openConfig } from '../definition/open-config.js';
import { withoutSharedDotenv } from '../definition/without-shared-dotenv.js';
import { displayValue } from '../output/display-value.js';
import { jsonText } from '../output/json-text.js';
import { textTable } from '../output/text-table.js';
import { plural } from '../report/format-report.js';

/** One line of `strata diff`: a value that differs, or a secret with its status only. */
export interface DiffEntry {
  readonly path: string;
  readonly secret: boolean;
  /** Secrets are listed whether or not they differ; other values only when they do. */
  readonly status: 'changed' | 'unchanged';
  /** The value in the first environment; absent for secrets and unset values. */
  readonly left?: unknown;
  /** The value in the second environment; absent for secrets and unset values. */
  readonly right?: unknown;
}

/** `strata diff --env a --env b`: two environments' resolved values side by side. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'Compare the resolved values of two environments (secrets: changed/unchanged only)',
  usage: '--env <a> --env <b> [--dotenv-all] [--format text|json]',
  details: [
    'Lists the values that differ, plus every secret as "changed" or "unchanged" without its value. An',
    'environment that is invalid (a secret only the deploy provides, a broken rule) is still compared, with',
    'its values as loaded, and its problems are listed below the table. Exits 0 when both environments are',
    'valid, whether or not they differ; 1 when one of them has problems (or cannot be loaded at all).',
    'As in validate, shared .env files are read for the default environment only, unless --dotenv-all.',
  ].join('\n'),
  options: {
    env: envOption,
    'dotenv-all': {
      type: 'boolean',
      description: 'Read shared .env files for both environments, not only the default one',
    },
    format: formatOption(['text', 'json']),
  },
  run: runDiff,
};

async function runDiff(input: CommandInput): Promise<number> {
  noPositionals(input);
  const format = formatChoice(input.values, ['text', 'json']);
  const names = stringsOption(input.values, 'env');
  if (names.length !== 2) throw CliError.usage('diff compares two environments: --env <a> --env <b>');
  const [left, right] = names as [string, string];
  if (left === right) throw CliError.usage(`diff needs two different environments (got "${left}" twice)`);
  const { cwd, loaded } = await commandDefinition(input);
  const dotenvAll = flagOption(input.values, 'dotenv-all');
  const defaultName = environmentOf(loaded.definition, { cwd, env: input.io.env, environment: undefined });
  const leftOut: Record<string, Set<string>> = { [left]: new Set(), [right]: new Set() };
  // A developer's .env must not stand in for what the deploy provides (see validate).
  const definitionFor = (name: string): LoadedDefinition =>
    dotenvAll || name === defaultName ? loaded : withoutSharedDotenv(loaded, name, leftOut[name]!);
  const a = await open(definitionFor(left), cwd, input, left);
  let entries: DiffEntry[];
  let problems: Record<string, readonly Issue[]>;
  try {
    const b = await open(definitionFor(right), cwd, input, right);
    try {
      entries = compare(a.config, b.config);
      problems = { [left]: a.problems, [right]: b.problems };
    } finally {
      await b.config.close();
    }
  } finally {
    await a.config.close();
  }
  const dotenvLeftOut = Object.fromEntries(
    Object.entries(leftOut).map(([name, files]) => [name, [...files]]),
  );
  if (format === 'json') {
    const report = { environments: [left, right], differences: entries, problems, dotenvLeftOut };
    input.io.stdout(`${jsonText(report, 2)}\n`);
  } else {
    input.io.stdout(
      formatDiff(entries, printable(left), printable(right)) +
        formatProblems(problems) +
        formatLeftOut(dotenvLeftOut),
    );
  }
  const valid = Object.values(problems).every((list) => list.length === 0);
  return valid ? EXIT_OK : EXIT_PROBLEMS;
}

/** An environment's values and the problems that make it invalid (none when it is valid). */
interface Opened {
  readonly config: Config;
  readonly problems: readonly Issue[];
}

/**
 * The environment as loaded. A diff is about values: when the rules fail (a secret only the deploy
 * provides), load again without them, so that the values are still compared and the problems listed.
 * A value that cannot even be converted, or a failing source, still ends the command.
 */
async function open(
  loaded: LoadedDefinition,
  cwd: string,
  input: CommandInput,
  environment: string,
): Promise<Opened> {
  const options = { cwd, env: input.io.env, environment };
  try {
    return { config: (await openConfig(loaded, options)).config, problems: [] };
  } catch (error) {
    if (!ConfigValidationError.is(error)) throw error;
    try {
      const { config } = await openConfig(loaded, { ...options, validate: false });
      return { config, problems: error.issues };
    } catch {
      // Not only rules: the first error, naming every problem, is the one to report.
      throw error;
    }
  }
}

/** Compares the unredacted values in memory; a secret's value never leaves this function. */
function compare(a: Config, b: Config): DiffEntry[] {
  const entries: DiffEntry[] = [];
  for (const field of a.schema.fields) {
    const before = a.snapshot.value(field.path);
    const after = b.snapshot.value(field.path);
    const same = deepEqual(before, after);
    const secret = a.snapshot.isSecret(field.path) || b.snapshot.isSecret(field.path);
    if (secret) {
      entries.push({ path: field.path, secret, status: same ? 'unchanged' : 'changed' });
      continue;
    }
    if (same) continue;
    entries.push({
      path: field.path,
      secret,
      status: 'changed',
      ...(before === undefined ? {} : { left: before }),
      ...(after === undefined ? {} : { right: after }),
    });
  }
  return entries;
}

/**
 * The table of values that differ (as many rows as the count says), then the secrets that are the same in
 * both, by path only.
 */
function formatDiff(entries: readonly DiffEntry[], left: string, right: string): string {
  const changed = entries.filter((entry) => entry.status === 'changed');
  const same = entries.filter((entry) => entry.status === 'unchanged').map((entry) => entry.path);
  const sameLine =
    same.length === 0
      ? []
      : [
          `${same.length === 1 ? '1 secret is' : `${same.length} secrets are`} the same in both: ${same.join(', ')}`,
        ];
  if (changed.length === 0) {
    const none = `No differences between "${left}" and "${right}"`;
    return `${[same.length === 0 ? `${none} (no secrets)` : `${none}.`, ...sameLine].join('\n')}\n`;
  }
  const rows = changed.map((entry) =>
    entry.secret
      ? [entry.path, '(secret) changed', '']
      : [entry.path, displayValue(entry.left), displayValue(entry.right)],
  );
  const header = `${changed.length} ${changed.length === 1 ? 'value differs' : 'values differ'} between "${left}" and "${right}":`;
  const table = textTable([['path', left, right], ...rows], '  ');
  return `${[header, '', ...table, ...(sameLine.length > 0 ? ['', ...sameLine] : [])].join('\n')}\n`;
}

/** Each environment's problems below the table: a diff still shows an invalid environment's values. */
function formatProblems(problems: Readonly<Record<string, readonly Issue[]>>): string {
  const lines: string[] = [];
  for (const [environment, issues] of Object.entries(problems)) {
    if (issues.length === 0) continue;
    lines.push('', `"${printable(environment)}" is invalid (${plural(issues.length, 'problem')}):`);
    for (const issue of issues) lines.push(`  ${formatIssue(issue)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Which shared `.env` files a side left out, so a difference they would have hidden is explained. */
function formatLeftOut(leftOut: Readonly<Record<string, readonly string[]>>): string {
  const lines = Object.entries(leftOut)
    .filter(([, files]) => files.length > 0)
    .map(
      ([name, files]) =>
        `note: ${printable(files.join(', '))} left out of "${printable(name)}": shared .env files are read for the default environment only (--dotenv-all reads them for both)`,
    );
  return lines.length === 0 ? '' : `\n${lines.join('\n')}\n`;
}
