import type { ConfigEvents } from '@strata/core';
import type { Command, CommandInput } from '../cli/command.js';
import { envOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { noPositionals, singleOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { openConfig } from '../definition/open-config.js';
import { jsonText } from '../output/json-text.js';
import { errorLine, eventLine } from '../watch/event-line.js';

const eventNames: readonly (keyof ConfigEvents)[] = [
  'changed',
  'rejected',
  'restartRequired',
  'sourceFailed',
  'sourceRecovered',
];

/** `strata watch`: load, keep watching, print every event as a line of JSON. */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'Load like validate, then print every configuration event as one JSON line until interrupted',
  usage: '[--env <name>]',
  details: [
    'First line: {"type":"ready","generation":1,"environment":"…","warnings":[…]}. Then one line per',
    'changed, rejected, restartRequired, sourceFailed and sourceRecovered event, secrets redacted.',
    'Stops cleanly (exit 0) on SIGINT or SIGTERM; an invalid configuration at start exits 1.',
  ].join('\n'),
  options: { env: envOption },
  run: runWatch,
};

async function runWatch(input: CommandInput): Promise<number> {
  noPositionals(input);
  const environment = singleOption(input.values, 'env');
  const { cwd, loaded } = await commandDefinition(input);
  const interrupted = input.io.interrupted();
  const { config } = await openConfig(loaded, { cwd, env: input.io.env, environment, watch: true });
  for (const name of eventNames) {
    config.on(name, (event) => input.io.stdout(`${eventLine(event)}\n`));
  }
  input.io.stdout(
    `${jsonText({
      type: 'ready',
      generation: config.generation,
      environment: config.environment,
      warnings: config.warnings,
      startupFailures: config.startupFailures.map((failure) => ({
        ...failure,
        error: errorLine(failure.error),
      })),
    })}\n`,
  );
  // Watchers may unref their handles; this keeps the process up until a signal arrives.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    await interrupted;
  } finally {
    clearInterval(keepAlive);
    await config.close();
  }
  return EXIT_OK;
}
