import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogMirrorStore } from '../database/CatalogMirrorStore';
import type { KnownEntity } from '../database/types';

/** Relations whose targets' events count towards the source: what a Platform includes, what a System or Domain is made of, what a Group owns. */
const ROLL_UP_RELATIONS: Record<string, string[]> = {
  platform: ['includes'],
  system: ['haspart'],
  domain: ['haspart'],
  group: ['ownerof'],
};
const MAX_DEPTH = 6;

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.owner',
  'spec.lifecycle',
  'spec.objectives',
  'spec.support.responseTargets',
  'spec.support.requestTargets',
  'spec.capabilities',
  'relations',
];

/** The ids of a Platform's capabilities, as far as the spec gives them. */
function capabilityIds(capabilities: unknown): string[] | undefined {
  if (!Array.isArray(capabilities)) return undefined;
  const ids = capabilities
    .map(c => (c as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === 'string');
  return ids.length > 0 ? ids : undefined;
}

/**
 * Who counts towards whom: every member reached from an entity through the roll-up relations,
 * transitively (a Group owns a Platform that includes a System made of Components), the entity
 * itself included. Cycles and depth are bounded.
 */
function computeMembers(entities: Entity[]): {
  known: KnownEntity[];
  members: Map<string, Set<string>>;
} {
  const edges = new Map<string, string[]>();
  const known: KnownEntity[] = [];
  for (const e of entities) {
    const ref = stringifyEntityRef(e).toLocaleLowerCase('en-US');
    const kind = e.kind.toLocaleLowerCase('en-US');
    const follow = ROLL_UP_RELATIONS[kind] ?? [];
    edges.set(
      ref,
      (e.relations ?? [])
        .filter(r => follow.includes(r.type.toLocaleLowerCase('en-US')))
        .map(r => r.targetRef.toLocaleLowerCase('en-US')),
    );
    const spec = (e.spec ?? {}) as Record<string, any>;
    known.push({
      entityRef: ref,
      kind,
      title: e.metadata.title,
      owner: typeof spec.owner === 'string' ? spec.owner : undefined,
      lifecycle:
        typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
      objectives: spec.objectives,
      responseTargets: spec.support?.responseTargets,
      requestTargets: spec.support?.requestTargets,
      capabilities: capabilityIds(spec.capabilities),
    });
  }
  const members = new Map<string, Set<string>>();
  for (const { entityRef } of known) {
    const reached = new Set([entityRef]);
    let frontier = [entityRef];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const ref of frontier) {
        for (const target of edges.get(ref) ?? []) {
          if (!reached.has(target) && edges.has(target)) {
            reached.add(target);
            next.push(target);
          }
        }
      }
      frontier = next;
    }
    members.set(entityRef, reached);
  }
  return { known, members };
}

/** The scorecard's view of the catalog, held in memory: entities and who counts towards whom. */
export type ModelView = {
  entities: Map<string, KnownEntity>;
  members: Map<string, string[]>;
  loadedAt: number;
};

// Another replica's sync reaches this one's memory within this time.
const VIEW_TTL_MS = 30_000;
// Entity refs per catalog lookup of refs the model does not know.
const REFS_PER_LOOKUP = 500;

/**
 * Keeps the scorecard's copy of the catalog (entities and roll-up membership) current. It runs on
 * the scheduler; a read or a write that names an entity it does not know yet refreshes it early,
 * at most once per `minInterval`.
 */
export class CatalogMirror {
  private running?: Promise<void>;
  private lastRun = 0;
  private view?: ModelView;
  private loading?: Promise<ModelView>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      /** Where the copy is kept, shared by every replica. */
      mirror: CatalogMirrorStore;
      logger: LoggerService;
      minIntervalMs?: number;
    },
  ) {}

  /**
   * The model as last stored (by any replica), from memory; re-read from the database once it is
   * older than a short TTL, so reads never query entities or membership per request. A stale
   * model answers at once while the fresh one loads: only the very first read waits for it.
   */
  async current(): Promise<ModelView> {
    const view = this.view;
    if (view && Date.now() - view.loadedAt < VIEW_TTL_MS) return view;
    if (!this.loading) {
      this.loading = this.options.mirror
        .loadMirror()
        .then(({ entities, members }) => {
          this.view = { entities, members, loadedAt: Date.now() };
          return this.view;
        })
        .finally(() => {
          this.loading = undefined;
        });
      if (view)
        this.loading.catch(e =>
          this.options.logger.warn(
            `could not re-read the scorecard's copy of the catalog; using the one read ${Math.round(
              (Date.now() - view.loadedAt) / 1000,
            )} s ago: ${e}`,
          ),
        );
    }
    return view ?? this.loading;
  }

  /** Reads every entity from the catalog and replaces the stored model in one transaction. */
  async sync(): Promise<void> {
    if (!this.running) {
      this.running = this.doSync().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Syncs unless a sync ran within the last `minInterval`; returns whether it synced. */
  async refreshIfStale(): Promise<boolean> {
    if (Date.now() - this.lastRun < (this.options.minIntervalMs ?? 5_000)) {
      if (this.running) await this.running;
      return false;
    }
    await this.sync();
    return true;
  }

  /**
   * For refs the model does not know: syncs (at most every `minInterval`) only if the catalog has
   * at least one of them, so a made-up ref costs one lookup of the refs, never a full sync.
   * Returns whether it synced.
   */
  async refreshFor(entityRefs: string[]): Promise<boolean> {
    const { catalog, auth } = this.options;
    const wellFormed = entityRefs.filter(ref => {
      try {
        parseEntityRef(ref);
        return true;
      } catch {
        return false;
      }
    });
    // a batch of thousands of events may name thousands of new entities: a few lookups of
    // bounded size, stopping at the first that finds one (a sync then reads them all)
    for (let i = 0; i < wellFormed.length; i += REFS_PER_LOOKUP) {
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: wellFormed.slice(i, i + REFS_PER_LOOKUP),
          fields: ['kind'],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      if (items.some(Boolean)) return this.refreshIfStale();
    }
    return false;
  }

  private async doSync() {
    this.lastRun = Date.now();
    const { catalog, auth, mirror, logger } = this.options;
    const { items } = await catalog.getEntities(
      { fields: FIELDS },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const { known, members } = computeMembers(
      items.filter(e => e.kind !== 'Location'),
    );
    await mirror.replaceMirror(known, members);
    this.view = {
      entities: new Map(known.map(e => [e.entityRef, e])),
      members: new Map(
        [...members].map(([ref, set]) => [ref, [...set].sort()]),
      ),
      loadedAt: Date.now(),
    };
    this.lastRun = Date.now();
    logger.debug(`synced ${known.length} entities from the catalog`);
  }
}
