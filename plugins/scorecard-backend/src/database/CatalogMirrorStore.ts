import type { Knex } from 'knex';
import { chunks } from './sql';
import type { KnownEntity } from './types';

/**
 * The scorecard's copy of the catalog: the entities it grades and, for each, the members whose
 * events count towards it. Reads join it; the catalog sync replaces it whole.
 */
export interface CatalogMirrorStore {
  /** The whole stored copy: every entity and its members. */
  loadMirror(): Promise<{
    entities: Map<string, KnownEntity>;
    members: Map<string, string[]>;
  }>;
  /** Replaces the copy (entities and membership) in one transaction. */
  replaceMirror(
    entities: KnownEntity[],
    members: Map<string, Set<string>>,
  ): Promise<void>;
}

/** A `scorecard_entities` row; objectives and response targets are stored as JSON text. */
type EntityRow = {
  entity_ref: string;
  kind: string;
  title: string | null;
  owner: string | null;
  lifecycle: string | null;
  objectives: string | null;
  response_targets: string | null;
  request_targets: string | null;
  capabilities: string | null;
};

function toEntity(r: EntityRow): KnownEntity {
  return {
    entityRef: r.entity_ref,
    kind: r.kind,
    title: r.title ?? undefined,
    owner: r.owner ?? undefined,
    lifecycle: r.lifecycle ?? undefined,
    objectives: r.objectives ? JSON.parse(r.objectives) : undefined,
    responseTargets: r.response_targets
      ? JSON.parse(r.response_targets)
      : undefined,
    requestTargets: r.request_targets
      ? JSON.parse(r.request_targets)
      : undefined,
    capabilities: r.capabilities ? JSON.parse(r.capabilities) : undefined,
  };
}

/** The catalog copy in the scorecard's database (`scorecard_entities`, `scorecard_members`). */
export class DatabaseCatalogMirrorStore implements CatalogMirrorStore {
  constructor(private readonly db: Knex) {}

  async loadMirror() {
    const entities = new Map<string, KnownEntity>();
    for (const r of await this.db('scorecard_entities'))
      entities.set(r.entity_ref, toEntity(r));
    const members = new Map<string, string[]>();
    const rows = await this.db('scorecard_members').orderBy([
      'entity_ref',
      'member_ref',
    ]);
    for (const r of rows) {
      const list = members.get(r.entity_ref);
      if (list) list.push(r.member_ref);
      else members.set(r.entity_ref, [r.member_ref]);
    }
    return { entities, members };
  }

  async replaceMirror(
    entities: KnownEntity[],
    members: Map<string, Set<string>>,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('scorecard_members').delete();
      await tx('scorecard_entities').delete();
      for (const rows of chunks(entities)) {
        await tx('scorecard_entities').insert(
          rows.map(e => ({
            entity_ref: e.entityRef,
            kind: e.kind,
            title: e.title ?? null,
            owner: e.owner ?? null,
            lifecycle: e.lifecycle ?? null,
            objectives: e.objectives ? JSON.stringify(e.objectives) : null,
            response_targets: e.responseTargets
              ? JSON.stringify(e.responseTargets)
              : null,
            request_targets: e.requestTargets
              ? JSON.stringify(e.requestTargets)
              : null,
            capabilities: e.capabilities
              ? JSON.stringify(e.capabilities)
              : null,
          })),
        );
      }
      const pairs: { entity_ref: string; member_ref: string }[] = [];
      for (const [ref, set] of members) {
        for (const member of set)
          pairs.push({ entity_ref: ref, member_ref: member });
      }
      for (const rows of chunks(pairs))
        await tx('scorecard_members').insert(rows);
    });
  }
}
