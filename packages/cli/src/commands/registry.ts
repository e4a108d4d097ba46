import type { Command } from '../cli/command.js';
import { auditCommand } from './audit.js';
import { diffCommand } from './diff.js';
import { docsCommand } from './docs.js';
import { envExampleCommand } from './env-example.js';
import { explainCommand } from './explain.js';
import { flagsCommand } from './flags.js';
import { fleetCommand } from './fleet.js';
import { initCommand } from './init.js';
import { migrateCommand } from './migrate.js';
import { newEnvCommand } from './new-env.js';
import { printCommand } from './print.js';
import { schemaCommand } from './schema.js';
import { secretsCommand } from './secrets.js';
import { validateCommand } from './validate.js';
import { watchCommand } from './watch.js';

/**
 * Every `strata` command, in the order `--help` lists them. A new command or command group (a `Command`
 * with `subcommands`, e.g. `secrets`) is one file in this folder plus its line here.
 */
export const commands: readonly Command[] = [
  validateCommand,
  printCommand,
  explainCommand,
  diffCommand,
  watchCommand,
  docsCommand,
  schemaCommand,
  envExampleCommand,
  migrateCommand,
  secretsCommand,
  auditCommand,
  flagsCommand,
  fleetCommand,
  initCommand,
  newEnvCommand,
];
