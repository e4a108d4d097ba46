import 'reflect-metadata';
import { StrataError } from '@strata/core';
import { exampleDir, startApp } from './start-app.js';

/**
 * `node dist/main.js`: run the application until SIGINT/SIGTERM. `NESTJS_EXAMPLE_CWD` names the directory
 * holding `config/` (default: this example's), `PORT` overrides `server.port` (0: any free port).
 */
const portText = process.env.PORT;
const port = portText === undefined || portText === '' ? undefined : Number(portText);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
  console.error(`Invalid PORT "${portText}": expected an integer from 0 to 65535`);
  process.exit(2);
}

try {
  const { app, url } = await startApp({
    cwd: process.env.NESTJS_EXAMPLE_CWD ?? exampleDir,
    ...(port === undefined ? {} : { port }),
  });
  console.log(`listening on ${url}`);
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal} received, shutting down`);
    // app.close() runs Nest's shutdown hooks, and StrataModule's closes the configuration: nothing is left
    // holding the event loop, so the process exits 0 on its own.
    app.close().then(
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
  // A configuration error already says what is wrong and where; anything else gets a prefix.
  console.error(StrataError.is(error) ? error.message : `Could not start: ${String(error)}`);
  process.exitCode = 1;
}
