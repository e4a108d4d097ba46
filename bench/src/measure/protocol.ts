/** Lines a measuring child process prints with its result, so library logs on stdout cannot be mistaken for it. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Print the result of a child process. */
export function reportResult(result: unknown): void {
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}
