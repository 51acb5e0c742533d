export {
  ArgocdNotConfigured,
  NoArgocdAnnotation,
  NoArgocdApplication,
} from './EmptyStates';
