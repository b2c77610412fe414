/**
 * Models on the device: the one owner of onnxruntime-web, the manifest and sha256-verified model
 * files, their cache, and the hub that loads each model once. What a model is for (recommender,
 * segmenter, intent classifier) lives with its user in personalization and chat.
 */

/** onnxruntime-web: backend choice, sessions created once, runs chained. */
export {
  configureRuntime,
  float32Tensor,
  loadRuntime,
  type ModelSession,
  type RuntimeBackend,
  releaseSessions,
  runtimeBackend,
  runtimeBackendReason,
  sessionFor,
} from './inference';
/** Model files in the Cache API, re-verified on every read. */
export { cachedBytes, clearModelCache, countCachedModels, MODEL_CACHE, setModelCaching } from './model-cache';
/** The three models, loaded once each through builders the engine supplies, with their state. */
export {
  createModelHub,
  type ModelBuilders,
  type ModelFiles,
  type ModelHub,
  type ModelKind,
  type ModelSet,
  type ModelState,
} from './model-hub';
/** The manifest and sha256-verified files from the sync server. */
export {
  type LoadedModel,
  loadManifest,
  loadModelFile,
  loadVerifiedFile,
  loadVerifiedJson,
  sha256Hex,
} from './model-loader';
