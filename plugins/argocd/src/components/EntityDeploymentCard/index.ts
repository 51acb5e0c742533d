export { EntityDeploymentCard } from './EntityDeploymentCard';
