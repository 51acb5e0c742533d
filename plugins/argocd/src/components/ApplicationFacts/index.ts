export { ApplicationFacts } from './ApplicationFacts';
