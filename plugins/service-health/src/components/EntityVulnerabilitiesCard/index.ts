export { EntityVulnerabilitiesCard } from './EntityVulnerabilitiesCard';
export { SeverityCounts } from './SeverityCounts';
