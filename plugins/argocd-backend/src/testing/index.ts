export { FakeArgoCd } from './FakeArgoCd';
export type { FakeArgoCdOptions, FakeFault, FakeRoute } from './FakeArgoCd';
export {
  makeFakeApplication,
  fakeRevision,
  fakeRevisionMetadata,
} from './fakeApplications';
export type { FakeAppSpec, FakeApplication } from './fakeApplications';
