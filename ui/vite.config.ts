import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

// Tauri serves the built files from the root of its own origin, so Vite's
// defaults (base "/") are right. The dev server port is the one
// src-tauri/tauri.conf.json points at (devUrl), so it must not drift.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ['**/src-tauri/**'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    // Screens with long lists render hundreds of elements in jsdom; on a
    // 2-core CI machine running other builds 5 s (the default) is too tight.
    testTimeout: 60_000,
  },
});
