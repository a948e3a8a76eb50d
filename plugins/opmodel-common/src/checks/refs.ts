import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

export const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * A ref as the catalog resolves it for a relation: a missing kind is the field's kind, a missing
 * namespace is the referring entity's namespace. Lower case, so refs compare as the catalog
 * compares them.
 */
export function normalize(
  ref: string,
  defaultKind: string,
  namespace: string,
): string {
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
      ),
    );
  } catch {
    return lower(ref);
  }
}

export function entityRefOf(entity: Entity): string {
  return lower(stringifyEntityRef(entity));
}

export function nameOf(fullRef: string): string | undefined {
  try {
    return lower(parseEntityRef(fullRef).name);
  } catch {
    return undefined;
  }
}

/** The shortest ref to a full ref that resolves to it from an entity in `namespace`. */
export function refFrom(fullRef: string, namespace: string): string {
  try {
    const { kind, namespace: ns, name } = parseEntityRef(fullRef);
    return lower(ns) === lower(namespace)
      ? `${kind}:${name}`
      : `${kind}:${ns}/${name}`;
  } catch {
    return fullRef;
  }
}

/** How a ref was read, for a fix: a missing namespace is the usual reason it names another entity. */
export function readsAs(written: string, resolved: string, namespace: string) {
  return written.includes('/')
    ? `${written} resolves to ${resolved}`
    : `${written} resolves to ${resolved}: a ref without a namespace resolves in its entity's own namespace, ${namespace}`;
}
