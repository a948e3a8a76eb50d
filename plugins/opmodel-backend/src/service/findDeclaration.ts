import { parseAllDocuments } from 'yaml';
import { BadSourceError } from './errors';

/** The identity of an entity, compared the way the catalog compares refs: regardless of case. */
export type EntityIdentity = { kind: string; namespace: string; name: string };

const lower = (s: unknown) =>
  typeof s === 'string' ? s.toLocaleLowerCase('en-US') : undefined;

/**
 * The document of a multi-document YAML (or JSON) source that declares the given entity, as
 * plain data. Parse errors are reported by line only: their usual excerpt of the file would
 * quote other declarations.
 */
export function findDeclaration(
  text: string,
  entity: EntityIdentity,
  where: string,
): Record<string, any> {
  const found: Array<Record<string, any>> = [];
  const brokenLines: number[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      brokenLines.push(doc.errors[0].linePos?.[0].line ?? 0);
      continue;
    }
    const data = doc.toJS();
    if (
      lower(data?.kind) === lower(entity.kind) &&
      (lower(data?.metadata?.namespace) ?? 'default') ===
        lower(entity.namespace) &&
      lower(data?.metadata?.name) === lower(entity.name)
    ) {
      found.push(data);
    }
  }
  const ref = `${lower(entity.kind)}:${lower(entity.namespace)}/${lower(
    entity.name,
  )}`;
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    throw new BadSourceError(
      `${where} declares ${ref} more than once, so which amounts hold is unclear`,
    );
  }
  const broken = brokenLines.length
    ? `; the file has YAML errors at line ${brokenLines.join(', ')}`
    : '';
  throw new BadSourceError(`${where} no longer declares ${ref}${broken}`);
}
