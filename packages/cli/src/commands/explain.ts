import { type Config, type Explanation, formatOrigin, REDACTED, type SchemaModel } from '@strata/core';
import type { FlagExplanation } from '@strata/flags';
import { didYouMean, foldName } from '@strata/core/source';
import { readSchema } from '@strata/core/tooling';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { formatChoice, singleOption } from '../cli/option-values.js';
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
  usage: '<path> [--env <name>] [--format text|json]',
  details:
    'Example: strata explain database.port --env production. Unknown keys do not stop it (as if not strict).',
  options: { env: envOption, format: formatOption(['text', 'json']) },
  run: runExplain,
};

async function runExplain(input: CommandInput): Promise<number> {
  const [path, extra] = input.positionals;
  if (path === undefined) throw CliError.usage('explain needs a path, e.g. "strata explain server.port"');
  if (extra !== undefined) throw CliError.usage(`unexpected argument "${extra}"`);
  const format = formatChoice(input.values, ['text', 'json']);
  const environment = singleOption(input.values, 'env');
  const { cwd, loaded } = await commandDefinition(input);
  checkPath(readSchema(loaded.definition.sections), path);
  // Explaining is most useful when something is wrong: rules are not enforced, values are still converted.
  const { config } = await openConfig(loaded, {
    cwd,
    env: input.io.env,
    environment,
    strict: false,
    validate: false,
  });
  let explanation: Explanation;
  let flagRules: FlagRulesSummary | undefined;
  try {
    explanation = redact(config.explain(path)!, config.snapshot.isSecret(path));
    flagRules = await flagRulesSummary(config, loaded.file, path);
  } finally {
    await config.close();
  }
  if (format === 'json') {
    const json = flagRules ? { ...explanation, flagRules: flagRules.json } : explanation;
    input.io.stdout(`${jsonText(json, 2)}\n`);
  } else {
    const text = formatExplanation(explanation, config.environment);
    input.io.stdout(flagRules ? `${text}${flagRules.lines.join('\n')}\n` : text);
  }
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

function checkPath(schema: SchemaModel, path: string): void {
  if (schema.field(path)) return;
  const object = schema.object(path);
  if (object) {
    const inside = schema.fields
      .filter((field) => field.path.startsWith(`${path}.`))
      .map((field) => field.path);
    throw CliError.usage(`${path} is a group of settings; explain one of its values: ${inside.join(', ')}`);
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

function formatExplanation(e: Explanation, environment: string): string {
  const from =
    e.source === 'default'
      ? 'the default'
      : e.source === 'unset'
        ? 'nowhere (no source sets it and it has no default)'
        : formatOrigin(e.source);
  const lines = [
    `${e.path} = ${displayValue(e.value)}${e.secret ? ' (secret)' : ''}`,
    `  environment:  ${environment}`,
    `  type:         ${e.type}`,
    `  from:         ${from}`,
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
