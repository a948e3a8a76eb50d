import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The portfolio page.
 *
 * @public
 */
export const portfolioRouteRef = createRouteRef({
  id: 'opmodel-scorecard-portfolio',
});
