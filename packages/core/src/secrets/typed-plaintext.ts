/** A configuration value that can be encrypted: its type survives the round trip. */
export type SecretValue = string | number | boolean;

/** The type tags of the plaintext format (see {@link encodePlaintext}). */
const STRING = 0x73; // 's'
const NUMBER = 0x6e; // 'n'
const BOOLEAN = 0x62; // 'b'

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const numberText = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The plaintext that is encrypted: one ASCII type-tag byte followed by the value as UTF-8 text.
 *
 * | tag | type | text |
 * |---|---|---|
 * | `s` (0x73) | string | the string itself (may be empty) |
 * | `n` (0x6e) | number | JavaScript's `String(n)` (shortest round-trip form, `1e+21`), `-0` for negative zero, `Infinity`, `-Infinity`, `NaN` |
 * | `b` (0x62) | boolean | `true` or `false` |
 *
 * Decoding a number accepts any decimal literal (`5`, `5.0`, `-.5`, `1E3`), so other tools need not
 * reproduce JavaScript's number formatting.
 *
 * @throws TypeError for a value that is not a string, number or boolean, or a string that is not valid
 *   Unicode (a lone surrogate, which UTF-8 cannot carry).
 */
export function encodePlaintext(value: SecretValue): Buffer {
  switch (typeof value) {
    case 'string':
      if (loneSurrogate.test(value)) {
        throw new TypeError('The string contains a lone UTF-16 surrogate, which UTF-8 cannot carry');
      }
      return tagged(STRING, value);
    case 'number':
      return tagged(NUMBER, Object.is(value, -0) ? '-0' : String(value));
    case 'boolean':
      return tagged(BOOLEAN, value ? 'true' : 'false');
    default:
      throw new TypeError(`Only strings, numbers and booleans can be encrypted, got ${describeType(value)}`);
  }
}

/**
 * Read a plaintext made by {@link encodePlaintext}. Returns a reason (never containing the plaintext) when
 * the bytes do not follow the format.
 */
export function decodePlaintext(bytes: Buffer): { value: SecretValue } | { problem: string } {
  const tag = bytes[0];
  const text = bytes.subarray(1).toString('utf8');
  switch (tag) {
    case STRING:
      return { value: text };
    case NUMBER:
      if (text === 'NaN') return { value: Number.NaN };
      if (text === 'Infinity' || text === '+Infinity') return { value: Number.POSITIVE_INFINITY };
      if (text === '-Infinity') return { value: Number.NEGATIVE_INFINITY };
      return numberText.test(text) ? { value: Number(text) } : { problem: 'the number inside is not valid' };
    case BOOLEAN:
      if (text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return { problem: 'the boolean inside is neither true nor false' };
    case undefined:
      return { problem: 'the decrypted value is empty (no type tag)' };
    default:
      return {
        problem: `unknown value type tag 0x${tag.toString(16).padStart(2, '0')} (written by a newer Strata?)`,
      };
  }
}

function tagged(tag: number, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = tag;
  body.copy(out, 1);
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
