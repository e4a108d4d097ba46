// Cold start of c12: a fresh process per sample (argv[2] = size). Imports only this library.
import { c12Adapter } from '../libs/c12.js';
import { runCold } from './run-cold.js';

await runCold(c12Adapter);
