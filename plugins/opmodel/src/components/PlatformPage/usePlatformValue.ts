import { stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import {
  checkValueParting,
  platformFundingPerDayAt,
  type FundingLineEntity,
  type ModelFinding,
} from '@opmodel/plugin-opmodel-common';
import type {
  AdoptionSummary,
  GradedMetric,
  MetricId,
} from '@opmodel/plugin-scorecard-common';
import { shareFor } from '../shared/funding';
import { lower } from '../shared/refs';
import { useAdoptionSummaries } from '../shared/useAdoptionSummaries';
import {
  useFundingAmounts,
  type FundingAmountsState,
} from '../shared/useFundingAmounts';
import { useScorecardClient } from '../shared/useScorecardClient';

const DAY = 86_400_000;
/** The scorecard's default window, and the one before it the value check compares with. */
const WINDOW_DAYS = 28;

/** What a Platform's money buys, as far as the reader may know it. */
export type PlatformValue = {
  loading: boolean;
  /** The amounts of the platform's funding lines, one request for the page. */
  amounts: FundingAmountsState;
  /** The reader may see amounts. */
  allowed: boolean;
  /** Each funding line's share to the platform. */
  shares: { line: FundingLineEntity; share: number }[];
  /** The platform's funding per day at today's rate, when every line's amount is known in one currency. */
  perDay?: { value: number; currency: string };
  adoption?: AdoptionSummary;
  /** The graded metrics of the last window, and of the window before it. */
  metrics?: GradedMetric[];
  previous?: GradedMetric[];
  /** The value check's finding, when satisfaction and adoption fell while funding grew. */
  finding?: ModelFinding;
};

const figure = (metrics: GradedMetric[] | undefined, id: MetricId) => {
  const m = metrics?.find(x => x.metric === id);
  return m?.state === 'ok' && m.value !== null ? m.value : undefined;
};

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A Platform's funding per day on `day` from its lines, as far as the amounts are known. */
const fundingPerDay = (
  shares: PlatformValue['shares'],
  amounts: FundingAmountsState['amounts'],
  day: string,
) =>
  platformFundingPerDayAt(
    shares.map(({ line, share }) => ({
      periods: line.spec.periods,
      amounts: amounts.get(lower(stringifyEntityRef(line))),
      share,
    })),
    day,
  );

/**
 * A Platform's funding set against its use and its consumers' satisfaction: its lines' shares
 * (amounts for readers allowed them), its adoption and its scorecards of the last window and the
 * one before, and the value check on them. The scorecard backend is optional: without it the
 * figures it gives are missing, nothing fails.
 */
export function usePlatformValue(
  platform: { entityRef: string; lifecycle: string },
  lines: FundingLineEntity[],
): PlatformValue {
  const client = useScorecardClient();
  const shares = lines
    .map(line => ({ line, share: shareFor(line, platform.entityRef) }))
    .filter(s => s.share > 0);
  const amounts = useFundingAmounts(
    shares.map(s => lower(stringifyEntityRef(s.line))),
  );
  const adoption = useAdoptionSummaries();
  const scorecards = useAsync(async () => {
    const now = Date.now();
    const read = (to: number) =>
      client
        .getScorecard({
          entityRef: platform.entityRef,
          from: new Date(to - WINDOW_DAYS * DAY).toISOString(),
          to: new Date(to).toISOString(),
        })
        .then(card => card.metrics)
        .catch(() => undefined);
    const [metrics, previous] = await Promise.all([
      read(now),
      read(now - WINDOW_DAYS * DAY),
    ]);
    return { metrics, previous, now };
  }, [client, platform.entityRef]);

  const now = scorecards.value?.now ?? Date.now();
  const perDay = fundingPerDay(shares, amounts.amounts, dayOf(now));
  const before = fundingPerDay(
    shares,
    amounts.amounts,
    dayOf(now - WINDOW_DAYS * DAY),
  );
  const { metrics, previous } = scorecards.value ?? {};
  const finding = checkValueParting({
    entityRef: platform.entityRef,
    lifecycle: platform.lifecycle,
    satisfaction: {
      now: figure(metrics, 'csat'),
      before: figure(previous, 'csat'),
    },
    adoption: {
      now: figure(metrics, 'adoptionShare'),
      before: figure(previous, 'adoptionShare'),
    },
    fundingPerDay: {
      now: perDay?.value,
      before: before?.currency === perDay?.currency ? before?.value : undefined,
    },
  });
  return {
    amounts,
    loading: amounts.loading || adoption.loading || scorecards.loading,
    allowed: amounts.allowed,
    shares,
    perDay,
    adoption: adoption.value?.get(platform.entityRef),
    metrics,
    previous,
    finding,
  };
}
