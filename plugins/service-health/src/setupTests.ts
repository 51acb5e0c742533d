import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The page renders a whole test app; give findBy* room on a busy 2-core CI machine.
configure({ asyncUtilTimeout: 5000 });

// A test may wait on several findBy* in a row; Jest's default of 5 s per test is shorter than one
// of them can take on that machine (seen: "applies filters" timed out while the suite ran in parallel).
jest.setTimeout(30_000);
