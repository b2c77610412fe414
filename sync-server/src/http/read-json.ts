/**
 * Tolerant JSON reading for the artifact files the server only consumes (manifest, catalog): a missing
 * or malformed file is `undefined`, and the caller decides what an absent part means.
 */
import { readFile } from 'node:fs/promises';

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed file, or undefined when it cannot be read or parsed. */
export async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}
