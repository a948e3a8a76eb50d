import type { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  Adoption,
  AdoptionSummary,
} from '@opmodel/plugin-scorecard-common';
import type { AdoptionStore } from '../database/AdoptionStore';
import type { KnownEntity } from '../database/types';
import type { TimeWindow } from '../metrics/types';
import { computeAdoption } from './computeAdoption';

/** What adoption reads of the catalog: kinds, owners, group types, platform specs, relations. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
  'spec.type',
  'spec.consumers',
  'spec.capabilities',
  'relations',
];
const KINDS = ['Platform', 'Component', 'System', 'API', 'Resource', 'Group'];

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A read finding no stored look at its Platform looks again only when the last look is older. */
const ON_DEMAND_LOOK_AFTER_MS = 60_000;

/**
 * Who uses each Platform, from the catalog alone: looked at after every catalog sync and stored
 * per day (the day's last look), so adoption has a history like every metric.
 */
export class AdoptionService {
  private refreshing?: Promise<void>;
  private lastLookAt = 0;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: AdoptionStore;
      streamAlignedGroupTypes: string[];
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** Looks at the catalog now and stores every Platform's adoption as today's. */
  refresh(): Promise<void> {
    // one look at a time: a read that finds nothing stored waits for the sync's look
    this.refreshing ??= this.look().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async look() {
    const { catalog, auth, store, streamAlignedGroupTypes } = this.options;
    const { items } = await catalog.getEntities(
      { filter: KINDS.map(kind => ({ kind })), fields: FIELDS },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const at = this.now();
    await store.write(
      dayOf(at),
      computeAdoption(items, { streamAlignedTypes: streamAlignedGroupTypes }),
      at,
    );
    this.lastLookAt = at;
  }

  /**
   * A Platform's adoption as of the last look, with the stored days of `window`. A Platform the
   * store has no look at yet (registered since) is looked at first, unless a look has just been
   * taken (then it has no consumers yet).
   */
  async adoption(entity: KnownEntity, window: TimeWindow): Promise<Adoption> {
    if (entity.kind !== 'platform')
      throw new InputError(
        `entityRef: ${entity.entityRef} is a ${entity.kind}; adoption is measured for Platforms`,
      );
    const { store } = this.options;
    let latest = await store.latest(entity.entityRef);
    if (!latest && this.now() - this.lastLookAt > ON_DEMAND_LOOK_AFTER_MS) {
      await this.refresh();
      latest = await store.latest(entity.entityRef);
    }
    const history = await store.history(
      entity.entityRef,
      dayOf(window.from),
      dayOf(window.to - 1),
    );
    return {
      entityRef: entity.entityRef,
      computedAt: new Date(latest?.computedAt ?? this.now()).toISOString(),
      teams: latest?.teams ?? [],
      streamAligned: latest?.streamAligned ?? {
        consuming: 0,
        total: 0,
        share: null,
      },
      capabilities: latest?.capabilities ?? [],
      findings: latest?.findings ?? [],
      history,
    };
  }

  /** Every Platform's adoption in figures as of the last look (looked at first if there is none). */
  async summaries(): Promise<AdoptionSummary[]> {
    const { store } = this.options;
    const stored = await store.latestFigures();
    if (
      stored.length > 0 ||
      this.now() - this.lastLookAt <= ON_DEMAND_LOOK_AFTER_MS
    )
      return stored;
    await this.refresh();
    return store.latestFigures();
  }
}
