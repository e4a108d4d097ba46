// Cold start of nestjs-config: a fresh process per sample (argv[2] = size). Imports only this library.
import { nestjsConfigAdapter } from '../libs/nestjs-config.js';
import { runCold } from './run-cold.js';

await runCold(nestjsConfigAdapter);
