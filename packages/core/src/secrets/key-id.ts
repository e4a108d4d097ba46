/** What a key id may look like: 1 to 64 of `A-Z a-z 0-9 _ . -`. */
export const KEY_ID_PATTERN: RegExp = /^[A-Za-z0-9_.-]{1,64}$/;

/** True when `id` is a valid key id (see {@link KEY_ID_PATTERN}). */
export function isValidKeyId(id: string): boolean {
  return KEY_ID_PATTERN.test(id);
}
