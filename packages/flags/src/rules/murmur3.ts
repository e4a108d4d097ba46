/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's `MurmurHash3_x86_32`), of a string's UTF-8 bytes. The hash
 * flagd's fractional operation uses, so a targeting key lands in the bucket every flagd provider puts it in.
 *
 * Hand-written (about forty lines, checked against the reference's published vectors) rather than a package:
 * the one flagd's JavaScript provider uses, `imurmurhash`, has not been released since 2013 and ships no
 * types, and a per-call `TextEncoder` would cost more than the rest of an evaluation. ASCII text is hashed
 * from its char codes without encoding; other text is encoded once.
 */
export function murmur3(text: string, seed = 0): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return murmur3Bytes(encoder.encode(text), seed);
  }
  return hash(text.length, (i) => text.charCodeAt(i), seed);
}

/** The same hash of raw bytes. */
export function murmur3Bytes(bytes: Uint8Array, seed = 0): number {
  return hash(bytes.length, (i) => bytes[i]!, seed);
}

const encoder = new TextEncoder();
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function hash(length: number, byteAt: (index: number) => number, seed: number): number {
  let h = seed >>> 0;
  const blocks = length - (length % 4);
  for (let i = 0; i < blocks; i += 4) {
    let k = byteAt(i) | (byteAt(i + 1) << 8) | (byteAt(i + 2) << 16) | (byteAt(i + 3) << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length % 4;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= byteAt(blocks + 2) << 16;
    if (tail >= 2) k ^= byteAt(blocks + 1) << 8;
    k ^= byteAt(blocks);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
