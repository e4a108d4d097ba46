// Cold start of convict: a fresh process per sample (argv[2] = size). Imports only this library.
import { convictAdapter } from '../libs/convict.js';
import { runCold } from './run-cold.js';

await runCold(convictAdapter);
