import { murmur3 } from './murmur3.js';

const MAX_INT32 = 2_147_483_647;

/**
 * The bucket (0–99, rarely 100) flagd's fractional operation puts a bucketing value in, as its specification
 * describes it: the MurmurHash3 (x86, 32-bit, seed 0) of the value's UTF-8 bytes read as a signed 32-bit
 * integer, its absolute value divided by the largest int32, times 100, truncated. A split of 10/90 gives
 * the first variant to buckets 0–9. (The one hash whose absolute value exceeds the largest int32 gives
 * bucket 100, which no range holds: flagd then returns no variant, and so does Strata.)
 */
export function fractionalBucket(bucketBy: string): number {
  const signed = murmur3(bucketBy) | 0;
  return Math.trunc((Math.abs(signed) / MAX_INT32) * 100);
}
