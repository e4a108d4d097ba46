import { formatOrigin } from '@strata/core';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { formatChoice, singleOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { openConfig } from '../definition/open-config.js';
import { formatFlagRules } from '../flags/format-flag-rules.js';
import { loadFlagsPackage } from '../flags/load-flags-package.js';
import { parseContextOption } from '../flags/parse-context-option.js';
import { redactExplanation } from '../flags/redact-explanation.js';
import { displayValue } from '../output/display-value.js';
import { jsonText } from '../output/json-text.js';

/** `strata flags explain <flag> --context '{…}'`: the flag's value for a context, and why. */
export const flagsExplainCommand: Command = {
  name: 'explain',
  summary: 'Evaluate a flag for a context and show why: every rule, its conditions, the one that decided',
  usage: "<flag> [--context '<json>'] [--env <name>] [--format text|json]",
  details: [
    'The context is a JSON object of attributes, as the application passes them:',
    '  strata flags explain features.newCheckout --context \'{"targetingKey":"u-42","email":"ann@example.com"}\'',
    'Without --context, the rules are listed and nothing is evaluated. Values of secret flags print as [redacted].',
  ].join('\n'),
  options: {
    context: { type: 'string', valueName: '<json>', description: 'The evaluation context, a JSON object' },
    env: envOption,
    format: formatOption(['text', 'json']),
  },
  run: runFlagsExplain,
};

async function runFlagsExplain(input: CommandInput): Promise<number> {
  const [key, extra] = input.positionals;
  if (key === undefined)
    throw CliError.usage('flags explain needs a flag, e.g. "strata flags explain features.newCheckout"');
  if (extra !== undefined) throw CliError.usage(`unexpected argument "${extra}"`);
  const format = formatChoice(input.values, ['text', 'json']);
  const contextText = singleOption(input.values, 'context');
  const context = contextText === undefined ? undefined : parseContextOption(contextText);
  const { cwd, loaded } = await commandDefinition(input);
  const flagsPackage = await loadFlagsPackage(loaded.file);
  const { config } = await openConfig(loaded, {
    cwd,
    env: input.io.env,
    environment: singleOption(input.values, 'env'),
    strict: false,
  });
  try {
    const flags = flagsPackage.createFlags(config);
    const explained = flags.explain(key, context);
    if (!explained) {
      const known = flags.list().map((flag) => flag.key);
      throw CliError.usage(
        `${key} is not a flag${known.length > 0 ? `; the flags are: ${known.join(', ')}` : ' (the definition declares no @Flag)'}`,
      );
    }
    const secret = config.snapshot.isSecret(key) || config.snapshot.isSecret(explained.rulesPath);
    const shown = secret ? redactExplanation(explained) : explained;
    const rulesOrigin = config.snapshot.originOf(explained.rulesPath);
    if (format === 'json') {
      input.io.stdout(`${jsonText({ environment: config.environment, secret, ...shown }, 2)}\n`);
      return EXIT_OK;
    }
    const lines: string[] = [];
    const evaluation = shown.evaluation;
    if (evaluation) {
      const variant =
        evaluation.variant === undefined ? '' : ` (variant ${displayValue(evaluation.variant)})`;
      lines.push(`${key} = ${displayValue(evaluation.value, secret)}${variant}`);
      const rule = evaluation.rule === undefined ? '' : ` (rule "${evaluation.rule}")`;
      lines.push(`  reason:       ${evaluation.reason}${rule}`);
      if (evaluation.errorMessage !== undefined)
        lines.push(`  error:        ${evaluation.errorCode}: ${evaluation.errorMessage}`);
    } else {
      lines.push(`${key} (no --context: rules only)`);
    }
    lines.push(`  environment:  ${config.environment}`);
    lines.push(`  description:  ${shown.description}`);
    lines.push(`  type:         ${shown.type}`);
    lines.push(
      `  rules at:     ${shown.rulesPath}${rulesOrigin ? ` (${formatOrigin(rulesOrigin)})` : ' (none set)'}`,
    );
    if (shown.rules.length === 0) {
      lines.push('  rules:        (none: the flag is static)');
    } else {
      lines.push(
        `  rules (the first that applies decides${evaluation ? '; ✓ decided, conditions ✓ passed / ✗ failed' : ''}):`,
      );
      lines.push(...formatFlagRules(shown, secret, '    '));
    }
    lines.push(`  otherwise:    ${displayValue(shown.fallback.value, secret)} (the flag's own value)`);
    input.io.stdout(`${lines.join('\n')}\n`);
    return EXIT_OK;
  } finally {
    await config.close();
  }
}
