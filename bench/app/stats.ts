// Small statistics helpers for the app benchmark.
import { gzipSync } from 'node:zlib';

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** gzip size in bytes (zlib's default level 6, what a static host compressing on the fly sends). */
export const gzipSize = (bytes: Uint8Array): number => gzipSync(bytes).length;

export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
