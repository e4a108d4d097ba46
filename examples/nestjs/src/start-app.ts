import { fileURLToPath } from 'node:url';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Config } from '@strata/core';
import { AppModule } from './app.module.js';
import { ServerConfig } from './sections.js';

/** Options of {@link startApp}. */
export interface StartOptions {
  /**
   * The directory holding `config/`.
   * @default this example's directory
   */
  readonly cwd?: string;
  /**
   * The port to listen on, overriding `server.port` (0: any free port).
   * @default `server.port` from the configuration
   */
  readonly port?: number;
  /** The environment variables `APP_*` values come from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A running application. */
export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly app: INestApplication;
  readonly config: Config;
}

/** This example's directory (`src/..` or `dist/..`). */
export const exampleDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bootstrap the Nest application and listen on 127.0.0.1. An invalid configuration fails the bootstrap: this
 * rejects with Strata's `ConfigValidationError`, which names every wrong key and where its value came from.
 * `app.close()` closes the configuration too (its file watcher included).
 */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const app = await NestFactory.create(
    AppModule.forRoot({
      cwd: options.cwd ?? exampleDir,
      ...(options.env === undefined ? {} : { env: options.env }),
    }),
    // abortOnError: false, so a failed bootstrap rejects instead of calling process.abort(); no logger until
    // it succeeds, so the caller reports a configuration error once, as Strata's message, not also as Nest's
    // inspected error object.
    { abortOnError: false, logger: false },
  );
  app.useLogger(new ConsoleLogger({ logLevels: ['error', 'warn'] }));
  const config = app.get(Config);
  // `server.port` is @Reloadable(false): read once here; a later edit only raises `restartRequired`.
  await app.listen(options.port ?? config.get(ServerConfig).port, '127.0.0.1');
  return { url: await app.getUrl(), app, config };
}
