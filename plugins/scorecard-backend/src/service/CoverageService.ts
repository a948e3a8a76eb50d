import type { Coverage } from '@opmodel/plugin-scorecard-common';
import type { CollectorStateStore } from '../database/CollectorStateStore';
import type { CatalogMirror } from './CatalogMirror';

const iso = (ms?: number) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/**
 * Which collectors read an entity's data: for a Platform, System or Group, its members' too, as
 * its figures roll them up. This is how a reader tells "no incidents" from "no incident source".
 */
export class CoverageService {
  constructor(
    private readonly catalogMirror: CatalogMirror,
    private readonly state: CollectorStateStore,
  ) {}

  async coverage(entityRef: string): Promise<Coverage> {
    const { members } = await this.catalogMirror.current();
    const rows = await this.state.coverageOf([
      entityRef,
      ...(members.get(entityRef) ?? []),
    ]);
    return {
      entityRef,
      sources: rows.map(row => ({
        collector: row.collectorId,
        source: row.source,
        entityRef: row.entityRef,
        writes: row.writes,
        lastRunAt: iso(row.lastRunAt)!,
        lastWrittenAt: iso(row.lastWrittenAt),
        lastWrittenCount: row.lastWrittenCount,
        lastError: row.lastError,
      })),
    };
  }
}
