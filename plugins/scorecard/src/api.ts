import { createApiRef } from '@backstage/core-plugin-api';
import type { ScorecardApi } from '@opmodel/plugin-scorecard-common';

/**
 * The scorecard backend's typed client, as a Backstage utility API.
 *
 * @public
 */
export const scorecardApiRef = createApiRef<ScorecardApi>({
  id: 'plugin.opmodel.scorecard',
});
