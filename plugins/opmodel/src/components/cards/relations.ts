import type { Entity } from '@backstage/catalog-model';

/** The targets of an entity's relations of a type, only those of `kind` when given. */
export const targetsOf = (entity: Entity, type: string, kind?: string) =>
  (entity.relations ?? [])
    .filter(
      r =>
        r.type === type &&
        (!kind ||
          r.targetRef.startsWith(`${kind.toLocaleLowerCase('en-US')}:`)),
    )
    .map(r => r.targetRef);
