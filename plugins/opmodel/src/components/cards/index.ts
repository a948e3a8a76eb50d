export { GroupOperatingModelCard } from './GroupOperatingModelCard';
export { IncludedInPlatformsCard } from './IncludedInPlatformsCard';
export { UserRolesCard } from './UserRolesCard';
