// Cold start of Strata with its classes decorated from class-validator's index instead of
// @strata/core/rules: a fresh process per sample (argv[2] = size).
import { strataClassValidatorIndexAdapter } from '../libs/strata-class-validator-index.js';
import { runCold } from './run-cold.js';

await runCold(strataClassValidatorIndexAdapter);
