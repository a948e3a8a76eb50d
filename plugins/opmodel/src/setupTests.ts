import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// whole entity pages render slowly in jsdom on a busy 2-core machine
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
