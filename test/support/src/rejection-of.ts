/**
 * The error `promise` rejects with; fails the test when it resolves instead.
 *
 * @example
 * const error = await rejectionOf(source.load(sourceContext()));
 * expect(error.message).toContain('permission denied');
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
