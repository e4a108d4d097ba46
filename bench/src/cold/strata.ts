// Cold start of strata: a fresh process per sample (argv[2] = size). Imports only this library.
import { strataAdapter } from '../libs/strata.js';
import { runCold } from './run-cold.js';

await runCold(strataAdapter);
