export { EntityCodeCard } from './EntityCodeCard';
