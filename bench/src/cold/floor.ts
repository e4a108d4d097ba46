// Cold start of the floor (not a library: decorated classes and two parsed YAML files, no loading logic):
// a fresh process per sample (argv[2] = size).
import { floorAdapter } from '../libs/floor.js';
import { runCold } from './run-cold.js';

await runCold(floorAdapter);
