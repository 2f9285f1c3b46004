/**
 * Zod without its compiled fast path: to learn whether it may compile code, zod 4 tries
 * `Function('')` once, which the page's Content-Security-Policy (no `unsafe-eval`) refuses with a
 * violation report on every page. Imported first by `main.tsx`, before any schema runs.
 */
import { z } from 'zod';

z.config({ jitless: true });
