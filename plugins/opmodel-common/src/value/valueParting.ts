import type { ModelFinding } from '../checks/types';

/**
 * A figure in the window read and in the window of the same length before it; either may be
 * unknown (not enough data, no amounts).
 *
 * @public
 */
export type FigureChange = { now?: number; before?: number };

/**
 * What the value check reads of a platform: its lifecycle, and how its satisfaction (CSAT),
 * adoption (the share of stream-aligned teams) and funding (per day, one currency) moved.
 *
 * @public
 */
export type PlatformValueFigures = {
  entityRef: string;
  lifecycle?: string;
  satisfaction: FigureChange;
  adoption: FigureChange;
  fundingPerDay: FigureChange;
};

const fell = (c: FigureChange) =>
  c.now !== undefined && c.before !== undefined && c.now < c.before;
const grew = (c: FigureChange) =>
  c.now !== undefined && c.before !== undefined && c.now > c.before;

const percent = (r: number) => `${Math.round(r * 100)} %`;

/**
 * The value check: a production platform whose satisfaction and adoption both fell while its
 * funding grew is one where money and value part ways. It needs all six figures: with any
 * unknown (too few survey responses, amounts the reader may not see) it finds nothing, rather
 * than guess.
 *
 * @public
 */
export function checkValueParting(
  p: PlatformValueFigures,
): ModelFinding | undefined {
  if (p.lifecycle !== 'production') return undefined;
  if (!fell(p.satisfaction) || !fell(p.adoption) || !grew(p.fundingPerDay))
    return undefined;
  const { satisfaction: s, adoption: a, fundingPerDay: f } = p;
  const growth = f.now! / f.before! - 1;
  return {
    check: 'platform.value-parting',
    severity: 'warning',
    entityRef: p.entityRef,
    path: 'spec.objectives.satisfaction',
    message: `satisfaction fell from ${s.before!.toFixed(
      1,
    )} to ${s.now!.toFixed(1)} and adoption from ${percent(
      a.before!,
    )} to ${percent(
      a.now!,
    )} of stream-aligned teams, while its funding grew by ${percent(
      growth,
    )} a day`,
    fix: 'ask the consumer teams why (their survey comments and support requests), and weigh the funding of the next period against what they say',
  };
}
