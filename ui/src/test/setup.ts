// Vitest setup: jest-dom matchers (toBeInTheDocument, toHaveAttribute, …),
// and no test may pass while Svelte or the code under test prints a warning
// or an error. @testing-library/svelte's Vite plugin adds cleanup after each test.
import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach, expect, vi } from 'vitest';

let messages: unknown[][] = [];

beforeEach(() => {
  messages = [];
  const record = (...args: unknown[]) => {
    messages.push(args);
  };
  vi.spyOn(console, 'warn').mockImplementation(record);
  vi.spyOn(console, 'error').mockImplementation(record);
});

afterEach(() => {
  expect(messages, 'console.warn / console.error during the test').toEqual([]);
});
