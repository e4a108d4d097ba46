// Cold start of nest-typed-config: a fresh process per sample (argv[2] = size). Imports only this library.
import { nestTypedConfigAdapter } from '../libs/nest-typed-config.js';
import { runCold } from './run-cold.js';

await runCold(nestTypedConfigAdapter);
