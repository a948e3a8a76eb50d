import type { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * The key-value pairs the catalog finds an entity by: every field, flattened to its dotted path
 * (an array's items under the array's path), and each relation as `relations.<type>`.
 */
function searchPairs(entity: Entity): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const visit = (path: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) value.forEach(item => visit(path, item));
    else if (typeof value === 'object')
      for (const [key, child] of Object.entries(value))
        visit(path ? `${path}.${key}` : key, child);
    else pairs.push([path, String(value)]);
  };
  const { relations, ...rest } = entity;
  visit('', rest);
  for (const r of relations ?? [])
    pairs.push([`relations.${r.type}`, r.targetRef]);
  return pairs.map(([k, v]) => [lower(k), lower(v)]);
}

/**
 * Whether an entity matches one `filter` parameter as the catalog reads it: every key it names,
 * each with any of the values given for it, without regard to case.
 */
function matchesFilter(entity: Entity, filter: string): boolean {
  const wanted = new Map<string, string[]>();
  for (const part of filter.split(',')) {
    const [key, value = ''] = part.split('=');
    wanted.set(lower(key), [...(wanted.get(lower(key)) ?? []), lower(value)]);
  }
  const pairs = searchPairs(entity);
  return [...wanted].every(([key, values]) =>
    pairs.some(([k, v]) => k === key && values.includes(v)),
  );
}

/** An entity cut to the given fields, as the catalog answers a request with `fields`. */
function pickFields(entity: Entity, fields: string[] | undefined): Entity {
  if (!fields?.length) return entity;
  const out: Record<string, any> = {};
  for (const field of fields) {
    const path = field.split('.');
    const value = path.reduce<any>((at, key) => at?.[key], entity);
    if (value === undefined) continue;
    let into = out;
    for (const key of path.slice(0, -1)) into = into[key] ??= {};
    into[path[path.length - 1]] = value;
  }
  return out as Entity;
}

/** What a page asked the catalog: which filters (any of them), and which fields, if it chose. */
export type CatalogRequest = {
  path: string;
  filter: string[];
  fields?: string[];
  entityRefs?: string[];
};

/**
 * Expects a catalog request to have asked for fields, the given ones among them: a page that
 * drops `fields` loads whole entities, which the fake catalog would answer all the same.
 */
export function expectFields(request: CatalogRequest, fields: string[]) {
  expect(request.fields).toEqual(expect.arrayContaining(fields));
  expect(request.fields).not.toContain('spec');
}

/** What a page reads of a Platform or FundingLine to list the roles it assigns. */
export const ROLE_ASSIGNING_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.roles',
];

/**
 * The catalog's entity routes, answering from `entities` as the catalog would, `hold` delaying
 * each answer and `catalogStatus` failing entity queries. Each request is recorded in `requests`,
 * and each entity query also in `queries` as its path and query string.
 */
export function catalogHandlers(
  base: string,
  entities: Entity[],
  options: { hold?: Promise<void>; catalogStatus?: number },
  requests: CatalogRequest[],
  queries: string[],
) {
  return [
    http.get(`${base}/entities`, async ({ request }) => {
      await options.hold;
      const url = new URL(request.url);
      queries.push(`${url.pathname}?${url.searchParams}`);
      const filter = url.searchParams.getAll('filter');
      const fields = url.searchParams.get('fields')?.split(',');
      requests.push({ path: url.pathname, filter, fields });
      if (options.catalogStatus)
        return HttpResponse.json(
          { error: { name: 'Error', message: 'catalog is down' } },
          { status: options.catalogStatus },
        );
      return HttpResponse.json(
        entities
          .filter(
            e => filter.length === 0 || filter.some(f => matchesFilter(e, f)),
          )
          .map(e => pickFields(e, fields)),
      );
    }),
    http.post(`${base}/entities/by-refs`, async ({ request }) => {
      await options.hold;
      const { entityRefs, fields } = (await request.json()) as {
        entityRefs: string[];
        fields?: string[];
      };
      requests.push({
        path: new URL(request.url).pathname,
        filter: [],
        fields,
        entityRefs,
      });
      const key = (e: Entity) =>
        lower(
          `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
        );
      return HttpResponse.json({
        items: entityRefs.map(r => {
          const found = entities.find(e => key(e) === lower(r));
          return found ? pickFields(found, fields) : null;
        }),
      });
    }),
  ];
}
