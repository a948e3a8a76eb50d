import type { Knex } from 'knex';
import { chunks } from './sql';

/** A model-check finding as the findings notifications remember it. */
export type KnownFinding = { key: string; entityRef: string };

/** What the last look at the model saw: the entities looked at, and their findings' keys. */
export type KnownModel = { entities: Set<string>; findings: Set<string> };

/**
 * The entities the findings notifications have looked at, and their findings already told (or
 * there when the entity was first looked at), so that only a finding that newly appears on an
 * entity already known is told.
 */
export interface KnownFindingsStore {
  known(): Promise<KnownModel>;
  /**
   * Makes these the known entities and findings, in one transaction: those no longer there are
   * forgotten (a finding that comes back is new again).
   */
  replace(
    entityRefs: string[],
    findings: KnownFinding[],
    at: number,
  ): Promise<void>;
}

// one table for both: an entity's row is keyed by its ref, a finding's by its identity
const ENTITY = 'entity|';
const FINDING = 'finding|';

export class DatabaseKnownFindingsStore implements KnownFindingsStore {
  constructor(private readonly db: Knex) {}

  async known(): Promise<KnownModel> {
    const rows: { finding_key: string }[] = await this.db(
      'scorecard_known_findings',
    ).select('finding_key');
    const entities = new Set<string>();
    const findings = new Set<string>();
    for (const { finding_key: key } of rows) {
      if (key.startsWith(ENTITY)) entities.add(key.slice(ENTITY.length));
      else if (key.startsWith(FINDING)) findings.add(key.slice(FINDING.length));
    }
    return { entities, findings };
  }

  async replace(
    entityRefs: string[],
    findings: KnownFinding[],
    at: number,
  ): Promise<void> {
    const rows = [
      ...entityRefs.map(ref => ({
        finding_key: `${ENTITY}${ref}`,
        entity_ref: ref,
        seen_at: at,
      })),
      ...findings.map(f => ({
        finding_key: `${FINDING}${f.key}`,
        entity_ref: f.entityRef,
        seen_at: at,
      })),
    ];
    await this.db.transaction(async tx => {
      await tx('scorecard_known_findings').delete();
      for (const part of chunks(rows, 200))
        await tx('scorecard_known_findings').insert(part);
    });
  }
}
