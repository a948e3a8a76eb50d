import { useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardApiRef } from '../../api';
import { windowQuery } from '../WindowSelect';

/** The days of history the card shows, ending now. */
export const ADOPTION_WINDOW_DAYS = 28;

/**
 * The Platform's adoption: its consumer teams as of the last catalog sync, and their daily
 * history over the last {@link ADOPTION_WINDOW_DAYS} days (the window is fixed when the card
 * mounts).
 */
export function useAdoption(entityRef: string) {
  const api = useApi(scorecardApiRef);
  const range = useMemo(() => windowQuery(ADOPTION_WINDOW_DAYS), []);
  return useAsync(
    () => api.getAdoption({ entityRef, ...range }),
    [api, entityRef, range],
  );
}
