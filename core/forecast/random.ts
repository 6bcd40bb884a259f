import type { Random } from './types';

/**
 * Seeded pseudo-random numbers for core/forecast (no hidden randomness: callers pass a `Random`).
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 2021), 32-bit state words, seeded through splitmix32 so any integer seed gives a
 * well-mixed non-zero state. Output: U(0,1) with 32 bits of resolution, never exactly 0.
 */
export function createRandom(seed: number): Random {
  let x = (Math.trunc(seed) >>> 0) ^ 0x9e3779b9;
  const splitmix32 = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix32();
  let s1 = splitmix32();
  let s2 = splitmix32();
  let s3 = splitmix32();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  return () => {
    const r = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return (r + 0.5) / 4294967296;
  };
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}

/**
 * Standard normal draws from a uniform source by the Marsaglia polar method (Marsaglia & Bray 1964).
 * Returns a sampler; it caches the second variate of each pair, so reuse one sampler per stream.
 */
export function normalSampler(random: Random): () => number {
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = Number.NaN;
      return v;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * random() - 1;
      v = 2 * random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };
}

/** A child stream derived from a parent: lets each model in a combination draw independently but reproducibly. */
export function childRandom(random: Random): Random {
  return createRandom(Math.floor(random() * 4294967296));
}
