/**
 * How the engine's model hub turns verified files into the three models. Each wrapper module is
 * imported lazily, so a visitor who never needs a model never downloads its code, and the hub (in
 * worker/models) never has to import personalization or chat.
 */
import type { IntentClassifier } from '../chat';
import type { ModelBuilders } from '../models';
import type { Recommender, Segmenter } from '../personalization';
import { ModelError } from '../protocol';

/** The models the engine runs. */
export interface DeviceModels {
  readonly recommend: Recommender;
  readonly segment: Segmenter;
  readonly intent: IntentClassifier;
}

/** The builders for {@link DeviceModels}. */
export const DEVICE_MODELS: ModelBuilders<DeviceModels> = {
  async recommend(files) {
    const m = await files.manifest();
    const [loaded, catalog, mod] = await Promise.all([
      files.load(m.models.recommend),
      files.catalog(),
      import('../personalization/recommender'),
    ]);
    return mod.createRecommender(loaded, catalog, m.version);
  },
  async segment(files) {
    const entry = (await files.manifest()).models.segment;
    if (!entry) throw new ModelError('model_unavailable', 'the manifest names no segment model');
    const [loaded, items, mod] = await Promise.all([
      files.load(entry),
      files.segmentItems(),
      import('../personalization/segmenter'),
    ]);
    return mod.createSegmenter(loaded, items);
  },
  async intent(files) {
    const entry = (await files.manifest()).models.intent;
    if (!entry) throw new ModelError('model_unavailable', 'the manifest names no intent model');
    const [loaded, mod] = await Promise.all([files.load(entry), import('../chat/intent')]);
    return mod.createIntentClassifier(loaded);
  },
};
