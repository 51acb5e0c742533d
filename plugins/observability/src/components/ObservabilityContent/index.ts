export { ObservabilityContent } from './ObservabilityContent';
