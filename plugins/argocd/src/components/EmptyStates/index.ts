export { NoArgocdAnnotation, NoArgocdApplication } from './EmptyStates';
