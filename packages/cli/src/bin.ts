#!/usr/bin/env node
import { processIO } from './cli/cli-io.js';
import { runCli } from './cli/run-cli.js';

const code = await runCli(process.argv.slice(2), processIO());
process.exitCode = code;
// Sources close their handles on exit paths; should one forget, do not hang a CI job forever.
setTimeout(() => process.exit(code), 2000).unref();
