/** The command succeeded: the configuration is valid, the output was written. */
export const EXIT_OK = 0;
/** Problems were found: an invalid configuration, an unreadable file, files that need migrating. */
export const EXIT_PROBLEMS = 1;
/** The command was used wrongly, or the application's definition cannot be loaded. */
export const EXIT_USAGE = 2;

/** One of the CLI's exit codes. */
export type ExitCode = typeof EXIT_OK | typeof EXIT_PROBLEMS | typeof EXIT_USAGE;
