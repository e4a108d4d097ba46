import {
  type Config,
  detectEnvironment,
  type Explanation,
  formatOrigin,
  type Origin,
  REDACTED,
  type SchemaModel,
} from '@strata/core';
import type { FlagExplanation } from '@strata/flags';
import { didYouMean, foldName, printable } from '@strata/core/source';
import { readSchema } from '@strata/core/tooling';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { flagOption, formatChoice, singleOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { openConfig } from '../definition/open-config.js';
import { flagRulesPathOf } from '../flags/flag-paths.js';
import { formatFlagRules } from '../flags/format-flag-rules.js';
import { loadFlagsPackage } from '../flags/load-flags-package.js';
import { redactExplanation } from '../flags/redact-explanation.js';
import { displayValue } from '../output/display-value.js';
import { jsonText } from '../output/json-text.js';

/** `strata explain <path>`: why a value is what it is. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'Show where a value comes from: the winner, every candidate, the default, the inputs that set it',
  usage: '<path> [--env <name>] [--format text|json] | --env-source',
  details: [
    'Example: strata explain database.port --env production. Unknown keys do not stop it (as if not strict).',
    `A value built from a template (\${database.host}) lists each reference and where its value came from.`,
    'strata explain --env-source says which input decided the environment: --env, the definition,',
    'STRATA_ENV, APP_ENV, NODE_ENV, the Kubernetes namespace file, a CI variable (test), or the default.',
  ].join('\n'),
  options: {
    env: envOption,
    format: formatOption(['text', 'json']),
    'env-source': { type: 'boolean', description: 'Say which input decided the environment, and stop' },
  },
  run: runExplain,
};

async function runExplain(input: CommandInput): Promise<number> {
  if (flagOption(input.values, 'env-source')) return explainEnvironmentSource(input);
  const [path, extra] = input.positionals;
  if (path === undefined) throw CliError.usage('explain needs a path, e.g. "strata explain server.port"');
  if (extra !== undefined) throw CliError.usage(`unexpected argument "${extra}"`);
  const format = formatChoice(input.values, ['text', 'json']);
  const environment = singleOption(input.values, 'env');
  const { cwd, loaded } = await commandDefinition(input);
  const schema = readSchema(loaded.definition.sections);
  const paths = pathsToExplain(schema, path);
  // Explaining is most useful when something is wrong: rules are not enforced, values are still converted.
  const { config } = await openConfig(loaded, {
    cwd,
    env: input.io.env,
    environment,
    strict: false,
    validate: false,
  });
  let explanations: Explanation[];
  let flagRules: FlagRulesSummary | undefined;
  try {
    explanations = paths.map((each) => redact(config.explain(each)!, config.snapshot.isSecret(each)));
    if (paths.length === 1 && paths[0] === path)
      flagRules = await flagRulesSummary(config, loaded.file, path);
  } finally {
    await config.close();
  }
  const group = schema.field(path) ? undefined : schema.object(path);
  if (group === undefined) {
    const [explanation] = explanations as [Explanation];
    if (format === 'json') {
      const json = flagRules ? { ...explanation, flagRules: flagRules.json } : explanation;
      input.io.stdout(`${jsonText(json, 2)}\n`);
    } else {
      const text = formatExplanation(explanation, config.environment);
      input.io.stdout(flagRules ? `${text}${flagRules.lines.join('\n')}\n` : text);
    }
  } else if (format === 'json') {
    const description = group.description === undefined ? {} : { description: group.description };
    input.io.stdout(`${jsonText({ path, ...description, values: explanations }, 2)}\n`);
  } else {
    input.io.stdout(formatGroup(path, group.description, explanations, config.environment));
  }
  return EXIT_OK;
}

/** `strata explain --env-source`: the environment a run would use and the input that decided it. */
async function explainEnvironmentSource(input: CommandInput): Promise<number> {
  if (input.positionals.length > 0) {
    throw CliError.usage('--env-source takes no path: it explains the environment, not a value');
  }
  const format = formatChoice(input.values, ['text', 'json']);
  const { loaded } = await commandDefinition(input);
  const detected = detectEnvironment({
    option: singleOption(input.values, 'env'),
    definition: loaded.definition.environment,
    env: input.io.env,
  });
  input.io.stdout(
    format === 'json'
      ? `${jsonText({ environment: detected.name, source: detected.source }, 2)}\n`
      : `environment: ${printable(detected.name)}\n  decided by: ${detected.source.kind} (${printable(detected.source.detail)})\n`,
  );
  return EXIT_OK;
}

/** The rules of a flag, for `explain` of a flag's path: lines for text, data for JSON. */
interface FlagRulesSummary {
  readonly lines: readonly string[];
  readonly json: { readonly rulesPath: string; readonly rules: FlagExplanation['rules'] | string };
}

/** Most flags have a handful of rules; a long list belongs to `strata flags explain`. */
const MAX_LISTED_RULES = 12;

/**
 * For a `@Flag` path, its rules (loading `@strata/flags` only then): each on a line when there are a few,
 * else a pointer to `strata flags explain`. Undefined for any other path.
 */
async function flagRulesSummary(
  config: Config,
  definitionFile: string,
  path: string,
): Promise<FlagRulesSummary | undefined> {
  const rulesPath = flagRulesPathOf(config.schema, path);
  if (rulesPath === undefined) return undefined;
  const { createFlags } = await loadFlagsPackage(definitionFile);
  const flags = createFlags(config);
  const explained = flags.explain(path);
  if (!explained) return undefined;
  const secret = config.snapshot.isSecret(path) || config.snapshot.isSecret(rulesPath);
  const shown = secret ? redactExplanation(explained) : explained;
  const broken =
    explained.evaluation === undefined && createFlags(config).evaluate(path).errorCode === 'PARSE_ERROR';
  if (broken) {
    const message = 'invalid (run "strata validate" for the problems)';
    return { lines: [`  flag rules:   ${rulesPath}: ${message}`], json: { rulesPath, rules: message } };
  }
  if (shown.rules.length === 0) {
    return {
      lines: [`  flag rules:   none (${rulesPath} is not set: the flag is static)`],
      json: { rulesPath, rules: [] },
    };
  }
  if (shown.rules.length > MAX_LISTED_RULES) {
    const message = `${shown.rules.length} rules: see "strata flags explain ${path}"`;
    return { lines: [`  flag rules:   ${message}`], json: { rulesPath, rules: message } };
  }
  return {
    lines: [
      `  flag rules (${rulesPath}; the first that applies decides):`,
      ...formatFlagRules(shown, secret, '    '),
    ],
    json: { rulesPath, rules: shown.rules },
  };
}

/** The one path of a setting, or every setting inside a section or nested class; usage error otherwise. */
function pathsToExplain(schema: SchemaModel, path: string): string[] {
  if (schema.field(path)) return [path];
  if (schema.object(path)) {
    return schema.fields.filter((field) => field.path.startsWith(`${path}.`)).map((field) => field.path);
  }
  const suggestion = suggest(
    path,
    schema.fields.map((field) => field.path),
  );
  throw CliError.usage(
    `${path} is not a known setting${suggestion ? `; did you mean ${suggestion}?` : ''} (see "strata docs" for every path)`,
  );
}

/** Another spelling of a path (`database.pool_size`), a unique completion (`database.pool`), or the closest. */
function suggest(path: string, paths: readonly string[]): string | undefined {
  const fold = (text: string): string => text.split('.').map(foldName).join('.');
  const folded = fold(path);
  const same = paths.find((candidate) => fold(candidate) === folded);
  if (same) return same;
  const completions = paths.filter((candidate) => fold(candidate).startsWith(folded));
  if (completions.length === 1) return completions[0];
  return didYouMean(path, paths);
}

/** Core already redacts; this makes sure again that nothing of a secret path is printed. */
function redact(explanation: Explanation, secret: boolean): Explanation {
  if (!secret && !explanation.secret) return explanation;
  const hide = (value: unknown): unknown => (value === undefined || value === null ? value : REDACTED);
  return {
    ...explanation,
    secret: true,
    value: hide(explanation.value),
    defaultValue: hide(explanation.defaultValue),
    candidates: explanation.candidates.map((candidate) => ({ ...candidate, value: hide(candidate.value) })),
  };
}

/** A section or nested class: each value inside it, with where it came from, on one line each. */
function formatGroup(
  path: string,
  description: string | undefined,
  explanations: readonly Explanation[],
  environment: string,
): string {
  const rows = explanations.map((e) => ({
    path: e.path,
    value: `${displayValue(e.value)}${e.secret ? ' (secret)' : ''}`,
    from: fromText(e),
  }));
  const pathWidth = Math.max(...rows.map((row) => row.path.length));
  const valueWidth = Math.max(...rows.map((row) => row.value.length));
  const lines = [
    `${path}: ${explanations.length} ${explanations.length === 1 ? 'value' : 'values'}${description === undefined ? '' : ` — ${description}`}`,
    `  environment:  ${environment}`,
    ...rows.map(
      (row) => `  ${row.path.padEnd(pathWidth)} = ${row.value.padEnd(valueWidth)}  from ${row.from}`,
    ),
    `Every candidate of one value: strata explain ${explanations[0]?.path ?? `${path}.<name>`}`,
  ];
  return `${lines.join('\n')}\n`;
}

function fromText(e: Explanation): string {
  return e.source === 'default'
    ? 'the default'
    : e.source === 'unset'
      ? 'nowhere (no source sets it and it has no default)'
      : formatOrigin(e.source);
}

function formatExplanation(e: Explanation, environment: string): string {
  const from = fromText(e);
  const lines = [
    `${e.path} = ${displayValue(e.value)}${e.secret ? ' (secret)' : ''}`,
    `  environment:  ${environment}`,
    `  type:         ${e.type}`,
    `  from:         ${from}`,
    ...(typeof e.source === 'object' ? referenceLines(e.source, '    ') : []),
    `  default:      ${e.defaultValue === undefined ? '(none)' : displayValue(e.defaultValue)}`,
  ];
  if (e.candidates.length === 0) {
    lines.push('  candidates:   (none: no source sets it)');
  } else {
    lines.push('  candidates (lowest precedence first, ✓ in effect):');
    const origins = e.candidates.map((candidate) => formatOrigin(candidate.origin));
    const width = Math.max(...origins.map((origin) => origin.length));
    e.candidates.forEach((candidate, i) => {
      lines.push(
        `    ${candidate.winner ? '✓' : '-'} ${origins[i]!.padEnd(width)}  ${displayValue(candidate.value)}`,
      );
    });
  }
  lines.push(
    `  set by:       ${e.inputs.length === 0 ? '(no source describes its inputs)' : e.inputs.join('; ')}`,
  );
  if (e.description !== undefined) lines.push(`  description:  ${e.description}`);
  lines.push(`  reloadable:   ${e.reloadable ? 'yes' : 'no (a change needs a restart)'}`);
  return `${lines.join('\n')}\n`;
}

/** A templated value's references, each with its origin, nested references indented below their value's. */
function referenceLines(origin: Origin, indent: string): string[] {
  const lines: string[] = [];
  for (const reference of origin.references ?? []) {
    const from = reference.fallback
      ? 'is unset: its fallback was used'
      : `from ${formatOrigin(reference.origin)}`;
    lines.push(`${indent}\${${printable(reference.name)}} ${from}`);
    if (!reference.fallback) lines.push(...referenceLines(reference.origin, `${indent}  `));
  }
  return lines;
}
