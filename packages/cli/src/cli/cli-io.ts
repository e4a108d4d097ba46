/** Where a command writes and what it reads from its process, so it can run in-process in tests too. */
export interface CliIO {
  /** Writes text to standard output as is (add the newline yourself). */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error as is. */
  readonly stderr: (text: string) => void;
  /** The environment variables sources read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The process's working directory (`--cwd` defaults to it). */
  readonly cwd: string;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM); used by long-running commands. */
  readonly interrupted: () => Promise<string>;
}

/** The IO of the running process. */
export function processIO(): CliIO {
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    env: process.env,
    cwd: process.cwd(),
    interrupted: () =>
      new Promise((resolve) => {
        const stop = (signal: string): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}
