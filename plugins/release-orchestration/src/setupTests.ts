import '@testing-library/jest-dom';

// The machine running CI is small and shared; user-event typing is slow there.
jest.setTimeout(30_000);
