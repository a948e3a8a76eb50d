import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

export const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** A ref as written in a spec (kind and namespace may be left out) as a full, lower-case ref. */
export function fullRef(
  ref: string,
  defaultKind: string,
  namespace = 'default',
) {
  return lower(
    stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
    ),
  );
}

/** A link to an entity named as a spec names it: the kind and namespace may be left out. */
export function SpecRef(props: {
  entityRef: string;
  kind: string;
  namespace?: string;
}) {
  return (
    <EntityRefLink
      entityRef={fullRef(props.entityRef, props.kind, props.namespace)}
    />
  );
}
