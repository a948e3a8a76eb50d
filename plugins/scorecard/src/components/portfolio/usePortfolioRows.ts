import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardApiRef } from '../../api';
import { windowQuery } from '../WindowSelect';
import { loadCatalogSide } from './catalogSide';
import type { PortfolioRow } from './columns';

/** The window of the same length just before `range`. */
export function previousWindow(range: { from: string; to: string }) {
  const from = Date.parse(range.from);
  const span = Date.parse(range.to) - from;
  return {
    from: new Date(from - span).toISOString(),
    to: new Date(from).toISOString(),
  };
}

/**
 * The portfolio of the last `days` days as table rows: each platform's figures, those of the
 * window before for the change, and funding and findings from the catalog. The figures show as
 * soon as they load; the window before and the catalog's side fill in after, and a failure of
 * either leaves the figures in place.
 */
export function usePortfolioRows(days: number) {
  const scorecardApi = useApi(scorecardApiRef);
  const catalogApi = useApi(catalogApiRef);
  const range = useMemo(() => windowQuery(days), [days]);
  const portfolio = useAsync(
    () => scorecardApi.getPortfolio(range),
    [scorecardApi, range],
  );
  const before = useAsync(
    () => scorecardApi.getPortfolio(previousWindow(range)),
    [scorecardApi, range],
  );
  const catalogSide = useAsync(() => loadCatalogSide(catalogApi), [catalogApi]);

  const rows: PortfolioRow[] = useMemo(() => {
    const earlier = new Map(
      (before.value?.platforms ?? []).map(p => [p.entityRef, p.metrics]),
    );
    return (portfolio.value?.platforms ?? []).map(p => ({
      ...p,
      previous: earlier.get(p.entityRef),
      funding: catalogSide.value?.get(p.entityRef)?.funding ?? [],
      findings: catalogSide.value?.get(p.entityRef)?.findings ?? [],
    }));
  }, [portfolio.value, before.value, catalogSide.value]);

  return { portfolio, rows };
}
