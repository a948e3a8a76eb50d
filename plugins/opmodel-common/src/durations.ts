const UNIT_MS = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

/**
 * Milliseconds of a duration written as the schemas allow it (15m, 4h, 2.5d, 1w), or undefined
 * when it is not one.
 */
export function parseDuration(text: string | undefined): number | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m|h|d|w)$/.exec(text ?? '');
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
