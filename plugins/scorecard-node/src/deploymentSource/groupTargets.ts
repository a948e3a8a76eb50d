import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ScorecardCollectorCoverage } from '../extensions';

/**
 * For collector modules: the repositories (or projects) that annotated entities name, each once,
 * with every entity that names it, keyed by `keyOf`. An entity whose annotation names none is
 * reported in coverage with the reason `targetOf` gives, never skipped in silence.
 *
 * @public
 */
export async function groupDeploymentTargets<T extends object>(options: {
  entities: Entity[];
  /** The repository an entity names, or why it names none. */
  targetOf(entity: Entity): T | { error: string };
  keyOf(target: T): string;
  coverage: ScorecardCollectorCoverage;
  source: string;
}): Promise<Array<T & { key: string; entityRefs: string[] }>> {
  const found = new Map<string, T & { key: string; entityRefs: string[] }>();
  for (const entity of options.entities) {
    const entityRef = stringifyEntityRef(entity);
    const t = options.targetOf(entity);
    if ('error' in t) {
      await options.coverage.failed(entityRef, {
        source: options.source,
        error: t.error,
      });
      continue;
    }
    const key = options.keyOf(t);
    const target = found.get(key) ?? { ...t, key, entityRefs: [] };
    target.entityRefs.push(entityRef);
    found.set(key, target);
  }
  return [...found.values()];
}
