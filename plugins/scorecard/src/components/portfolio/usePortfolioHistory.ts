import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../../api';
import { previousWindow } from './usePortfolioRows';

/**
 * Each platform's figures in the `periods` windows before `range` (each as long as it), oldest
 * first, by entity ref; only once `enabled`, since each window is a portfolio of its own to compute.
 */
export function usePortfolioHistory(
  range: { from: string; to: string },
  periods: number,
  enabled: boolean,
) {
  const api = useApi(scorecardApiRef);
  return useAsync(async () => {
    if (!enabled) return undefined;
    const windows: { from: string; to: string }[] = [];
    let w = range;
    for (let i = 0; i < periods; i++) {
      w = previousWindow(w);
      windows.unshift(w);
    }
    const portfolios = await Promise.all(windows.map(x => api.getPortfolio(x)));
    const history = new Map<string, (GradedMetric[] | undefined)[]>();
    portfolios.forEach((p, i) => {
      for (const entry of p.platforms) {
        const list =
          history.get(entry.entityRef) ?? Array(periods).fill(undefined);
        list[i] = entry.metrics;
        history.set(entry.entityRef, list);
      }
    });
    return history;
  }, [api, range, periods, enabled]);
}
