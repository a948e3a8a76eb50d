import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * A ref as a spec writes it (the kind and namespace may be left out) as a full, lower-case ref,
 * the form the catalog compares refs in; undefined when it is no ref at all, which is for the
 * model checks and validation to report, not for the reader of the ref.
 *
 * @public
 */
export function fullEntityRef(
  ref: unknown,
  defaults: { defaultKind: string; defaultNamespace?: string },
): string | undefined {
  if (typeof ref !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: defaults.defaultKind,
        defaultNamespace: defaults.defaultNamespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
