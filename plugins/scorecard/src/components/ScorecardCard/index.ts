export { ScorecardCard } from './ScorecardCard';
export type { ScorecardCardProps } from './ScorecardCard';
