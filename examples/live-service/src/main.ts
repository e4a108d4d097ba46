import { parseArgs } from 'node:util';
import { StrataError } from '@strata/core';
import { exampleDir, startService } from './start-service.js';

/**
 * `node dist/main.js [--cwd <dir>] [--port <n>]`: run the service until SIGINT/SIGTERM.
 * `LIVE_SERVICE_CWD` and `PORT` do the same as the options (the options win).
 */
const { values } = parseArgs({
  options: { cwd: { type: 'string' }, port: { type: 'string' } },
  strict: true,
});
const cwd = values.cwd ?? process.env.LIVE_SERVICE_CWD ?? exampleDir;
const portText = values.port ?? process.env.PORT;
const port = portText === undefined || portText === '' ? undefined : Number(portText);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
  console.error(`Invalid port "${portText}": expected an integer from 0 to 65535 (--port or PORT)`);
  process.exit(2);
}

try {
  const service = await startService({ cwd, ...(port === undefined ? {} : { port }) });
  console.log(`listening on ${service.url}`);

  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal} received, shutting down`);
    // If something still held the event loop after closing, that would be a bug: say so and leave anyway.
    setTimeout(() => {
      console.error('shutdown took longer than 5 s; exiting');
      process.exit(1);
    }, 5_000).unref();
    service.close().then(
      () => console.log('closed'),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  // A configuration error already says what is wrong and where; anything else (EADDRINUSE) gets a prefix.
  console.error(StrataError.is(error) ? error.message : `Could not start: ${String(error)}`);
  process.exitCode = 1;
}
