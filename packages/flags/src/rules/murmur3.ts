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
  const length = text.length;
  let h = seed >>> 0;
  const blocks = length - (length % 4);
  // One pass over the chars as bytes; the first non-ASCII char sends the text to the UTF-8 path.
  for (let i = 0; i < blocks; i += 4) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    if ((a | b | c | d) > 0x7f) return murmur3Bytes(encoder.encode(text), seed);
    h = mixBlock(h, a | (b << 8) | (c << 16) | (d << 24));
  }
  const tail = length - blocks;
  if (tail > 0) {
    const a = text.charCodeAt(blocks);
    const b = tail >= 2 ? text.charCodeAt(blocks + 1) : 0;
    const c = tail === 3 ? text.charCodeAt(blocks + 2) : 0;
    if ((a | b | c) > 0x7f) return murmur3Bytes(encoder.encode(text), seed);
    h = mixTail(h, a | (b << 8) | (c << 16));
  }
  return finalMix(h, length);
}

/** The same hash of raw bytes. */
export function murmur3Bytes(bytes: Uint8Array, seed = 0): number {
  const length = bytes.length;
  let h = seed >>> 0;
  const blocks = length - (length % 4);
  for (let i = 0; i < blocks; i += 4) {
    h = mixBlock(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  const tail = length - blocks;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2]! << 16;
    if (tail >= 2) k ^= bytes[blocks + 1]! << 8;
    h = mixTail(h, k ^ bytes[blocks]!);
  }
  return finalMix(h, length);
}

const encoder = new TextEncoder();
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  let mixed = h ^ k;
  mixed = (mixed << 13) | (mixed >>> 19);
  return (Math.imul(mixed, 5) + 0xe6546b64) | 0;
}

function mixTail(h: number, tail: number): number {
  let k = Math.imul(tail, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  return h ^ k;
}

function finalMix(hash: number, length: number): number {
  let h = hash ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
