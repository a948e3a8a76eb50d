import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';

/**
 * What an `EntityRefLink` given a whole entity shows of it: its ref, title and the tooltip's type
 * and description. The same fields the catalog's entity presentation API loads for a bare ref, so
 * a link to an entity loaded with these reads as one to a ref.
 */
export const ENTITY_LINK_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.profile.displayName',
  'spec.type',
];

/**
 * What a Platform or FundingLine is read for where the roles it assigns are listed: a link to it
 * and its role assignments.
 */
export const ROLE_ASSIGNING_FIELDS = [...ENTITY_LINK_FIELDS, 'spec.roles'];

/** Entities by ref, in the order asked, missing ones left out, cut to `fields`. */
export function useEntitiesByRefs(refs: string[], fields: string[]) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    if (refs.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields,
    });
    return items.filter((e): e is Entity => !!e);
  }, [catalogApi, refs.join(','), fields.join(',')]);
}
