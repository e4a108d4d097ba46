import type { Command } from '../cli/command.js';
import { flagsExplainCommand } from './flags-explain.js';
import { flagsListCommand } from './flags-list.js';

/** `strata flags …`: the feature flags of `@strata/flags`, loaded only when one of these runs. */
export const flagsCommand: Command = {
  name: 'flags',
  summary: 'Feature flags (@strata/flags): list them, explain one for a context',
  usage: '<command> [options]',
  details: 'Needs @strata/flags installed beside the definition; other commands never load it.',
  options: {},
  subcommands: [flagsListCommand, flagsExplainCommand],
};
