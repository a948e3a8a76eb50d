import { useApiHolder } from '@backstage/core-plugin-api';
import {
  entityPresentationApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Entities' names as the catalog presents them (`useEntityPresentation`, `EntityDisplayName`):
 * each entity's title, or its ref shortened in `context`, as text for what needs a string, such
 * as a chart's legend, axis and tooltip. What the presentation API knows at once first, then what
 * it loads; without the API, what the refs alone say.
 */
export function useEntityTitles(
  refs: string[],
  context?: { defaultKind?: string; defaultNamespace?: string },
): Map<string, string> {
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  const key = JSON.stringify([refs, context ?? null]);
  const snapshots = useMemo(
    () =>
      new Map(
        refs.map(ref => [
          ref,
          entityPresentationSnapshot(ref, context, presentationApi)
            .primaryTitle,
        ]),
      ),
    // refs and context by value: callers build them anew each render
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, presentationApi],
  );
  const loaded = useAsync(async () => {
    if (!presentationApi) return undefined;
    const titles = await Promise.all(
      refs.map(ref =>
        presentationApi
          .forEntity(ref, context)
          .promise.then(p => p.primaryTitle)
          .catch(() => snapshots.get(ref) ?? ref),
      ),
    );
    return new Map(refs.map((ref, i) => [ref, titles[i]]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, presentationApi, snapshots]);
  return loaded.value ?? snapshots;
}
