export { ApplicationFacts, describeOperation } from './ApplicationFacts';
