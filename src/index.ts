/** Public API: re-exports only. */
export * from './types.ts';
export * from './mapping.ts';
export * from './token/index.ts';
