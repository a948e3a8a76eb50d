import path from 'node:path';
import {
  ANNOTATION_LOCATION,
  parseLocationRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { BadSourceError } from './errors';

/** The one file an entity was read from: a URL (read through UrlReader) or a local path. */
export type SourceLocation = { type: 'url' | 'file'; target: string };

/**
 * Where the catalog read an entity from. That is the managed-by-location annotation, which the
 * catalog itself sets to the exact file holding the declaration; the origin location may instead
 * be the Location file that led to it, which does not hold the declaration.
 */
export function sourceLocationOf(entity: Entity): SourceLocation {
  const entityRef = stringifyEntityRef(entity);
  const annotation = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!annotation) {
    throw new BadSourceError(
      `${entityRef} has no ${ANNOTATION_LOCATION} annotation, so the file declaring its amounts is unknown`,
    );
  }
  let location: { type: string; target: string };
  try {
    location = parseLocationRef(annotation);
  } catch {
    throw new BadSourceError(
      `${entityRef} has a ${ANNOTATION_LOCATION} annotation that is not a location ref ('${annotation}')`,
    );
  }
  if (location.type === 'url') {
    return { type: 'url', target: location.target };
  }
  if (location.type === 'file') {
    // the catalog writes absolute paths; anything else did not come from the catalog's file reader
    if (!path.isAbsolute(location.target)) {
      throw new BadSourceError(
        `${entityRef} comes from the file location '${location.target}', which is not an absolute path`,
      );
    }
    return { type: 'file', target: path.normalize(location.target) };
  }
  throw new BadSourceError(
    `${entityRef} comes from a '${location.type}' location; amounts are read only from 'url' and 'file' locations`,
  );
}
