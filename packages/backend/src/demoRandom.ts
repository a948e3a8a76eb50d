/*
 * The demo's randomness: seeded, so that the same seed (an event's day, or its id) gives the same
 * demo on every run and every replica.
 */

/** A small seeded PRNG (mulberry32): the same seed, the same demo. */
export function random(seed: string) {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++)
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number drawn evenly from [lo, hi). */
export const between = (rnd: () => number, [lo, hi]: [number, number]) =>
  lo + (hi - lo) * rnd();

/** One of `options`, drawn evenly: a value listed twice is drawn twice as often. */
export const pick = <T>(rnd: () => number, options: readonly T[]): T =>
  options[Math.floor(rnd() * options.length)];
