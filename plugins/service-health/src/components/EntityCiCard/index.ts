export { EntityCiCard } from './EntityCiCard';
