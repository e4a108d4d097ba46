/** The request failed because the secret (or its stage or version) does not exist. */
export function isNotFound(error: unknown): boolean {
  const cause = (error as { cause?: { name?: unknown } } | undefined)?.cause;
  return cause?.name === 'ResourceNotFoundException';
}
