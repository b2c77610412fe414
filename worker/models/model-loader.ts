/**
 * Fetches the manifest, a model file and its catalog from the sync server and verifies each against
 * the manifest's sha256 before anything uses it. A mismatch is refused with a `model_integrity` error.
 */
import type { Catalog, Manifest, ModelEntryBase, ModelVariant } from '../../models/features';
import { deviceFetch } from '../network';
import { ModelError } from '../protocol';
import { cachedBytes } from './model-cache';

/** A verified recommender: the manifest entry, the model bytes and the catalog. */
export interface LoadedRecommender {
  readonly manifest: Manifest;
  /** The model file actually loaded (the int8 variant when the manifest has one) and its hash. */
  readonly file: string;
  readonly sha256: string;
  readonly bytes: Uint8Array;
  readonly catalog: Catalog;
}

/** Lower-case hex sha256 of some bytes. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await deviceFetch(url);
  } catch (e) {
    throw new ModelError('model_unavailable', `could not reach ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new ModelError('model_unavailable', `${url} answered ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function fetchVerified(url: string, sha256: string): Promise<Uint8Array> {
  const verify = async (bytes: Uint8Array) => (await sha256Hex(bytes)) === sha256;
  return cachedBytes(url, sha256, verify, async () => {
    const bytes = await fetchBytes(url);
    const actual = await sha256Hex(bytes);
    if (actual !== sha256) {
      throw new ModelError('model_integrity', `${url} has sha256 ${actual}, the manifest says ${sha256}`);
    }
    return bytes;
  });
}

/** Fetches and parses the server's manifest (once per call; callers keep the result). */
export async function loadManifest(serverUrl: string): Promise<Manifest> {
  const bytes = await fetchBytes(`${trimBase(serverUrl)}/v1/manifest`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as Manifest;
  } catch {
    throw new ModelError('model_unavailable', 'the model manifest is not valid JSON');
  }
  if (typeof manifest?.version !== 'string' || typeof manifest.models !== 'object') {
    throw new ModelError('model_unavailable', 'the model manifest has no version or models');
  }
  return manifest;
}

function trimBase(serverUrl: string): string {
  return serverUrl.replace(/\/$/, '');
}

/** A verified model file of any kind. */
export interface LoadedModel<E> {
  readonly entry: E;
  /** The file actually loaded (the int8 variant when the manifest has one) and its hash. */
  readonly file: string;
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

/**
 * Loads and verifies the model named by a manifest entry. The int8 variant is preferred: it is
 * measured within 1% of fp32 (0.04% NDCG@10 for the default recommender, identical intent accuracy)
 * at a quarter of the download.
 */
export async function loadModelFile<E extends ModelEntryBase & { readonly int8?: ModelVariant }>(
  serverUrl: string,
  entry: E,
): Promise<LoadedModel<E>> {
  const chosen = entry.int8 ?? entry;
  const bytes = await loadVerifiedFile(serverUrl, chosen.file, chosen.sha256);
  return { entry, file: chosen.file, sha256: chosen.sha256, bytes };
}

/** Loads a file the manifest names (model, catalog, items, answers) and checks its sha256. */
export function loadVerifiedFile(serverUrl: string, file: string, sha256: string): Promise<Uint8Array> {
  return fetchVerified(`${trimBase(serverUrl)}/v1/models/${encodeURIComponent(file)}`, sha256);
}

/** Loads a verified JSON file the manifest names. */
export async function loadVerifiedJson<T>(serverUrl: string, file: string, sha256: string): Promise<T> {
  const bytes = await loadVerifiedFile(serverUrl, file, sha256);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    throw new ModelError('model_unavailable', `${file} is not valid JSON`);
  }
}

/** Loads and verifies the recommender named by the server's manifest. */
export async function loadRecommender(serverUrl: string, known?: Manifest): Promise<LoadedRecommender> {
  const manifest = known ?? (await loadManifest(serverUrl));
  const entry = manifest.models?.recommend;
  if (!entry?.file || !entry.sha256 || !entry.catalog) {
    throw new ModelError('model_unavailable', 'the manifest names no recommend model');
  }
  const [model, catalog] = await Promise.all([
    loadModelFile(serverUrl, entry),
    loadVerifiedJson<Catalog>(serverUrl, entry.catalog, entry.catalogSha256),
  ]);
  return { manifest, file: model.file, sha256: model.sha256, bytes: model.bytes, catalog };
}
