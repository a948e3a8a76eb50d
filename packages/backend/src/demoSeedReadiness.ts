/*
 * Whether the catalog has read enough of the example organisation for the demo to seed it. On a
 * first start the catalog serves the example's entities one by one, and a relation only once
 * both of its ends are processed. Seeding a Component too early would give it a profile for good
 * that its platform does not have: a later run does not replace an event it wrote once. A
 * Component the catalog has not served at all is no harm: the next run seeds it. The survey
 * responses and support requests name Platforms and Groups, and the scorecard rejects a batch
 * that names one the catalog does not serve.
 */
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';

/**
 * The kinds the demo reads: the Components it seeds, what decides their profiles, and the
 * Platforms and Groups its product events name.
 */
export const DEMO_SEED_KINDS = ['Component', 'System', 'Platform', 'Group'];

const lower = (s: string) => s.toLocaleLowerCase('en-US');
const refOf = (e: Entity) => lower(stringifyEntityRef(e));
const kindOf = (ref: string) => ref.slice(0, ref.indexOf(':'));

/**
 * What the demo's profiles depend on that the catalog names but does not serve yet: the demo's
 * platforms; the Systems and Components a Platform includes or a System has as parts; and, for
 * each Component of a System, that System listing it as a part.
 */
export function unservedDemoEntities(
  entities: Entity[],
  demoPlatforms: string[],
): string[] {
  const byRef = new Map(entities.map(e => [refOf(e), e]));
  const has = (ref: string, type: string, target: string) =>
    (byRef.get(ref)?.relations ?? []).some(
      r => r.type === type && lower(r.targetRef) === target,
    );
  const unserved = new Set(
    demoPlatforms.map(lower).filter(ref => !byRef.has(ref)),
  );
  for (const [ref, entity] of byRef) {
    for (const relation of entity.relations ?? []) {
      const target = lower(relation.targetRef);
      const seeded = ['component', 'system'].includes(kindOf(target));
      if (
        seeded &&
        (relation.type === 'includes' || relation.type === 'hasPart') &&
        !byRef.has(target)
      ) {
        unserved.add(target);
      }
      // the part's side is stitched before the whole's: the whole must list the part too
      if (
        kindOf(ref) === 'component' &&
        relation.type === 'partOf' &&
        kindOf(target) === 'system' &&
        !has(target, 'hasPart', ref)
      ) {
        unserved.add(target);
      }
    }
  }
  return [...unserved].sort();
}

/** Which of `refs` (the Platforms and teams the product events name) the catalog does not serve yet. */
export function unservedRefs(entities: Entity[], refs: string[]): string[] {
  const served = new Set(entities.map(refOf));
  return refs.filter(ref => !served.has(lower(ref))).sort();
}
