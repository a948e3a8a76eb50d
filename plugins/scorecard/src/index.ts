/**
 * Scorecards of the operating model: a card for entity pages and the portfolio page of every
 * platform. This entry point is for the classic frontend system; `/alpha` holds the
 * new-frontend-system plugin.
 *
 * @packageDocumentation
 */
export {
  scorecardPlugin,
  EntityScorecardCard,
  EntityPlatformAdoptionCard,
  ScorecardPortfolioPage,
} from './plugin';
export { scorecardApiRef } from './api';
export { portfolioRouteRef } from './routes';
export type { ScorecardCardProps } from './components/ScorecardCard';
export { isScorecardEntity, SCORECARD_KINDS } from './filters';
