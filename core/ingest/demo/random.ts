/**
 * Seeded pseudo-random numbers for the demo generator. The generator never creates its own
 * randomness: callers pass a `Random` (U(0,1)) in, so the same seed gives the same dataset.
 */

/** A source of uniform numbers in [0, 1). Same shape as `core/forecast`'s `Random`. */
export type Random = () => number;

/**
 * mulberry32, a 32-bit state generator by Tommy Ettinger (public domain). Small, fast and good
 * enough for synthetic data; not for cryptography.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw by the Box–Muller transform (Box & Muller 1958), consuming two uniforms. */
export function standardNormal(random: Random): number {
  const u1 = 1 - random(); // (0, 1]: log stays finite
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
