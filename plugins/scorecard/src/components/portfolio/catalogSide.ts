import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  checkModel,
  isFundingLineEntity,
  type ModelFinding,
} from '@opmodel/plugin-opmodel-common';

/** A funding line of a platform, with the share of the line the platform is allocated. */
export type PlatformFunding = {
  /** The FundingLine's ref. */
  entityRef: string;
  title?: string;
  /** 0..1; undefined when the line funds the platform without allocating it a share. */
  share?: number;
};

/** What the catalog says of a platform beside its figures. */
export type CatalogSide = {
  funding: PlatformFunding[];
  findings: ModelFinding[];
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** The platform refs a FundingLine allocates shares to, with each share. */
function allocationsOf(line: Entity): Map<string, number> {
  const shares = new Map<string, number>();
  if (!isFundingLineEntity(line)) return shares;
  const namespace = line.metadata.namespace ?? 'default';
  for (const a of line.spec.allocations ?? []) {
    try {
      const ref = lower(
        stringifyEntityRef(
          parseEntityRef(a.target, {
            defaultKind: 'platform',
            defaultNamespace: namespace,
          }),
        ),
      );
      shares.set(ref, (shares.get(ref) ?? 0) + a.share);
    } catch {
      // a malformed target is a model finding, not a share
    }
  }
  return shares;
}

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
      .filter(e => e.kind === 'FundingLine')
      .map(e => [lower(stringifyEntityRef(e)), e]),
  );
  const out = new Map<string, CatalogSide>();
  for (const e of items) {
    if (e.kind !== 'Platform') continue;
    const ref = lower(stringifyEntityRef(e));
    const funding = (e.relations ?? [])
      .filter(r => r.type === 'fundedBy')
      .map(r => {
        const line = lines.get(lower(r.targetRef));
        return {
          entityRef: r.targetRef,
          title: line?.metadata.title,
          share: line ? allocationsOf(line).get(ref) : undefined,
        };
      });
    out.set(ref, {
      funding,
      findings: findings.filter(f => lower(f.entityRef) === ref),
    });
  }
  return out;
}
