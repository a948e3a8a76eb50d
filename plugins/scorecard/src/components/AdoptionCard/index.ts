export { AdoptionCard } from './AdoptionCard';
