import type { Entity } from '@backstage/catalog-model';
import {
  validFundingLine,
  validOperatingRole,
  validPlatform,
} from '../validEntities';
import type { MalformedCase } from './MalformedCase';
import { platformMalformedCases } from './platform';
import { operatingRoleMalformedCases } from './operatingRole';
import { fundingLineMalformedCases } from './fundingLine';

export type { MalformedCase } from './MalformedCase';

/**
 * Malformed declarations of all three kinds, each of which the validator (and so the catalog and
 * `opmodel validate`) rejects with an error naming `expectPath`. Build each with
 * {@link buildMalformedEntity}.
 *
 * @public
 */
export const malformedCases: MalformedCase[] = [
  ...platformMalformedCases,
  ...operatingRoleMalformedCases,
  ...fundingLineMalformedCases,
];

function setPath(target: any, path: string, value: unknown) {
  const segments = path.match(/[^.[\]]+/g)!;
  let node = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i];
    if (node[seg] === undefined)
      node[seg] = /^\d+$/.test(segments[i + 1]) ? [] : {};
    node = node[seg];
  }
  const last = segments[segments.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/**
 * The entity of a malformed case, named `bad-<id>`.
 *
 * @public
 */
export function buildMalformedEntity(c: MalformedCase): Entity {
  const name = `bad-${c.id}`;
  const bases = {
    platform: validPlatform,
    role: validOperatingRole,
    funding: validFundingLine,
  };
  const base = bases[c.base](name);
  const entity = JSON.parse(JSON.stringify(base));
  for (const [path, value] of Object.entries(c.set))
    setPath(entity, path, value);
  return entity;
}
