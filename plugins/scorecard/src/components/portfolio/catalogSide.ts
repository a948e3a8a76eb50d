import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  checkModel,
  fundingShareOf,
  isFundingLineEntity,
  type FundingLineEntity,
  type FundingPeriod,
  type ModelFinding,
} from '@opmodel/plugin-opmodel-common';

/** A funding line of a platform, with the share of the line the platform is allocated. */
export type PlatformFunding = {
  /** The FundingLine's ref. */
  entityRef: string;
  title?: string;
  /** 0..1; undefined when the line funds the platform without allocating it a share. */
  share?: number;
  /** The line's periods, for its amounts (which only the opmodel backend serves). */
  periods?: FundingPeriod[];
  /** The platform's part of the amount for the shown window's period, for those who may see it. */
  amount?: { value: number; currency: string };
};

/** What the catalog says of a platform beside its figures. */
export type CatalogSide = {
  funding: PlatformFunding[];
  findings: ModelFinding[];
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * Funding lines with each platform's share, and model-check findings, per platform (keyed by the
 * lower-case ref), from the catalog. Shares are in what the catalog stores; amounts are not.
 */
export async function loadCatalogSide(
  catalogApi: typeof catalogApiRef.T,
): Promise<Map<string, CatalogSide>> {
  const { items } = await catalogApi.getEntities({
    filter: { kind: ['Platform', 'FundingLine', 'OperatingRole'] },
  });
  const findings = checkModel(items as Entity[]);
  const lines = new Map(
    items
      .filter(isFundingLineEntity)
      .map((e: FundingLineEntity) => [lower(stringifyEntityRef(e)), e]),
  );
  const out = new Map<string, CatalogSide>();
  for (const e of items) {
    if (e.kind !== 'Platform') continue;
    const ref = lower(stringifyEntityRef(e));
    const funding = (e.relations ?? [])
      .filter(r => r.type === 'fundedBy')
      .map(r => {
        const line = lines.get(lower(r.targetRef));
        const share = line ? fundingShareOf(line, ref) : 0;
        return {
          entityRef: r.targetRef,
          title: line?.metadata.title,
          share: share > 0 ? share : undefined,
          periods: line?.spec.periods,
        };
      });
    out.set(ref, {
      funding,
      findings: findings.filter(f => lower(f.entityRef) === ref),
    });
  }
  return out;
}
