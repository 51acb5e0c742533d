import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The page renders a whole test app; give findBy* room on a busy 2-core CI machine.
configure({ asyncUtilTimeout: 5000 });
