// Cold start of node-config: a fresh process per sample (argv[2] = size). Imports only this library.
import { nodeConfigAdapter } from '../libs/node-config.js';
import { runCold } from './run-cold.js';

await runCold(nodeConfigAdapter);
