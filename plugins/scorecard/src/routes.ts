import { createRouteRef } from '@backstage/core-plugin-api';

/** The portfolio page. */
export const portfolioRouteRef = createRouteRef({
  id: 'opmodel-scorecard-portfolio',
});
