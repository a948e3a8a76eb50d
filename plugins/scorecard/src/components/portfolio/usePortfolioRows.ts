import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardApiRef } from '../../api';
import { windowQuery } from '../WindowSelect';
import { loadCatalogSide, type PlatformFunding } from './catalogSide';
import { useFundingAmounts } from './useFundingAmounts';
import {
  amountOf,
  fundingPeriodAt,
  type FundingAmounts,
} from '@opmodel/plugin-opmodel-common';
import type { PortfolioRow } from './columns';
import { valueFinding } from './valueCheck';

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
 * A platform's funding from a line with the platform's part of the amount of the line's period
 * that holds the window's last day, when the amounts are known and the line gives a share.
 */
function withAmount(
  f: PlatformFunding,
  amounts: Map<string, FundingAmounts> | undefined,
  windowEnd: string,
): PlatformFunding {
  const declared = amounts?.get(f.entityRef.toLocaleLowerCase('en-US'));
  const period = fundingPeriodAt(f.periods ?? [], windowEnd.slice(0, 10));
  const total = period && amountOf(declared, period);
  if (!declared || total === undefined || f.share === undefined) return f;
  return {
    ...f,
    amount: { value: total * f.share, currency: declared.currency },
  };
}

/**
 * The portfolio of the last `days` days as table rows: each platform's figures, those of the
 * window before for the change, funding and findings from the catalog (with the amounts for
 * users who may see them, and the value check they allow), and adoption as of the last look. The figures show as
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
  // as of the last look at the catalog, whatever the window; without it, rows have no adoption
  const adoptions = useAsync(() => scorecardApi.getAdoptions(), [scorecardApi]);

  const lineRefs = useMemo(
    () =>
      [...(catalogSide.value?.values() ?? [])].flatMap(side =>
        side.funding.map(f => f.entityRef),
      ),
    [catalogSide.value],
  );
  const amounts = useFundingAmounts(lineRefs);

  const rows: PortfolioRow[] = useMemo(() => {
    const adoption = new Map(
      (adoptions.value?.platforms ?? []).map(a => [a.entityRef, a]),
    );
    const earlier = new Map(
      (before.value?.platforms ?? []).map(p => [p.entityRef, p.metrics]),
    );
    const windowEnds = { now: range.to, before: previousWindow(range).to };
    return (portfolio.value?.platforms ?? []).map(p => {
      const row = {
        ...p,
        previous: earlier.get(p.entityRef),
        funding: (catalogSide.value?.get(p.entityRef)?.funding ?? []).map(f =>
          withAmount(f, amounts, range.to),
        ),
        findings: catalogSide.value?.get(p.entityRef)?.findings ?? [],
        adoption: adoption.get(p.entityRef),
      };
      // the value check needs the figures of both windows and the amounts: the catalog's
      // checks cannot see it
      const parting = valueFinding(row, amounts, windowEnds);
      return parting ? { ...row, findings: [...row.findings, parting] } : row;
    });
  }, [
    portfolio.value,
    before.value,
    catalogSide.value,
    adoptions.value,
    amounts,
    range,
  ]);

  return { range, portfolio, rows };
}
