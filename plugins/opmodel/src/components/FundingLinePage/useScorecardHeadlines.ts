import useAsync from 'react-use/esm/useAsync';
import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import { useScorecardClient } from '../shared/useScorecardClient';

/**
 * Each platform's graded metrics from the scorecard backend, or the error it gave; the backend is
 * optional, so an error stands for one platform only.
 */
export function useScorecardHeadlines(refs: string[]) {
  const client = useScorecardClient();
  return useAsync(async () => {
    const out = new Map<string, GradedMetric[] | Error>();
    await Promise.all(
      refs.map(async ref => {
        try {
          out.set(ref, (await client.getScorecard({ entityRef: ref })).metrics);
        } catch (e) {
          out.set(ref, e as Error);
        }
      }),
    );
    return out;
  }, [client, refs.join(',')]);
}

/** What the hook gives: each platform's metrics or error, once loaded. */
export type ScorecardHeadlines = ReturnType<typeof useScorecardHeadlines>;
