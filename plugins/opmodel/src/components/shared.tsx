import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { assignmentState } from '@opmodel/plugin-opmodel-common';

/** Entities of the given kinds from the catalog, loaded once per page. */
export function useEntitiesOfKinds(kinds: string[]) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({ filter: { kind: kinds } });
    return items as Entity[];
  }, [catalogApi, kinds.join(',')]);
}

/** Entities by ref, in the order asked, missing ones left out. */
export function useEntitiesByRefs(refs: string[]) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    if (refs.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({ entityRefs: refs });
    return items.filter((e): e is Entity => !!e);
  }, [catalogApi, refs.join(',')]);
}

/** A card whose body waits for a load: progress, then the error or the content. */
export function LoadingCard(props: {
  title: string;
  loading: boolean;
  error?: Error;
  children: () => ReactNode;
}) {
  let body: ReactNode;
  if (props.loading)
    body = (
      <div role="status" aria-label={`Loading ${props.title}`}>
        <Progress />
      </div>
    );
  else if (props.error)
    body = (
      <ResponseErrorPanel
        error={props.error}
        title={`Could not load ${props.title.toLocaleLowerCase('en-US')}`}
      />
    );
  else body = props.children();
  return <InfoCard title={props.title}>{body}</InfoCard>;
}

export function Empty(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}

const STATE_WORDS = {
  active: 'active',
  ended: 'ended',
  'not-started': 'not started yet',
} as const;

/** "since 2025-01-01", "2025-01-01 – 2026-06-30", with the assignment's state when not active. */
export function describePeriod(a: { since?: string; until?: string }): string {
  const state = assignmentState(a, new Date());
  let period = 'always';
  if (a.since && a.until) period = `${a.since} – ${a.until}`;
  else if (a.since) period = `since ${a.since}`;
  else if (a.until) period = `until ${a.until}`;
  return state === 'active' ? period : `${period} (${STATE_WORDS[state]})`;
}

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
