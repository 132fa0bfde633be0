import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The machine running CI is small and shared: user-event typing and the
// first render of a material-table are slow there.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });
