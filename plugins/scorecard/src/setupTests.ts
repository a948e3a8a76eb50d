import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages and cards render slowly in jsdom on a busy 2-core machine: findBy and waitFor wait on
// their condition this long before they give up.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
