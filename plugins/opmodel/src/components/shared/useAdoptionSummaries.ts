import useAsync from 'react-use/esm/useAsync';
import type { AdoptionSummary } from '@opmodel/plugin-scorecard-common';
import { useScorecardClient } from './useScorecardClient';

/**
 * Every Platform's adoption in figures (consumer teams, the entities they use it through), by
 * lower-case ref, from the scorecard backend's last look at the catalog.
 */
export function useAdoptionSummaries() {
  const client = useScorecardClient();
  return useAsync(async () => {
    const { platforms } = await client.getAdoptions();
    return new Map<string, AdoptionSummary>(
      platforms.map(p => [p.entityRef.toLocaleLowerCase('en-US'), p]),
    );
  }, [client]);
}
