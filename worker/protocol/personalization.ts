/**
 * Records the engine derives from the visitor's events: the profile, the segment, and the
 * experiment assignments. All of them stay on the device; only LDP reports about them leave it.
 */

/** Aggregates over one time window. */
export interface WindowStats {
  readonly events: number;
  readonly pageViews: number;
  readonly itemViews: number;
  readonly addToCarts: number;
  readonly purchases: number;
  readonly searches: number;
  /** Sum of `dwell` events' `ms`. */
  readonly dwellMs: number;
  /** Sum of purchase value (price × quantity) in the catalog currency. */
  readonly spend: number;
}

/** The sliding windows the profile keeps: this session, the last 7 and the last 30 days. */
export type WindowName = 'session' | 'd7' | 'd30';

/** Coarse device class; the frame measures it, since a worker cannot see the screen. */
export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

/** Local time of day of the latest event. */
export type TimeOfDay = 'morning' | 'afternoon' | 'evening' | 'night';

/** The visitor's current context. */
export interface VisitorContext {
  readonly device: DeviceClass;
  readonly timeOfDay: TimeOfDay;
  /** Kind of the latest page (`home`, `product`, `category`, `cart`, `checkout`, `search`, `other`). */
  readonly pageType: string;
}

/** Affinity to one product cluster of the segment model's keyword clusters. */
export interface Affinity {
  readonly cluster: number;
  /** The cluster's top keywords, e.g. "candle · light · metal". */
  readonly label: string;
  /** Share of the visitor's weighted interactions in this cluster, 0..1. */
  readonly share: number;
}

/** What the device knows about the visitor, derived incrementally from the stored events. */
export interface Profile {
  readonly windows: Readonly<Record<WindowName, WindowStats>>;
  /** Recency, frequency, monetary over everything kept (within retention). */
  readonly rfm: {
    /** Days since the last purchase; null before the first. */
    readonly recencyDays: number | null;
    /** Days since the first purchase; null before it. */
    readonly tenureDays: number | null;
    readonly orders: number;
    readonly spend: number;
  };
  /** Strongest cluster affinities first. */
  readonly affinities: readonly Affinity[];
  readonly context: VisitorContext;
  /** The most recently viewed item, for answer slots such as "last viewed item". */
  readonly lastViewed?: { readonly id: string; readonly title?: string };
  /** Events folded into the profile so far. */
  readonly events: number;
  /** Epoch ms of the latest event folded in. */
  readonly updatedAt: number;
}

/** The visitor's segment and how it was decided. */
export interface Segment {
  readonly id: number;
  /**
   * What kind of visitor: `browsing`, `new`, `regular`, `frequent` or `lapsed`, stable across
   * retraining (the segment's name is not). Answer and greeting variants are keyed by it.
   */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** The model's confidence in this segment (1 for the rule). */
  readonly confidence: number;
  /** `model`: the segment graph ran; `rule`: no purchase yet (the model has only seen buyers). */
  readonly source: 'model' | 'rule';
  /** Why the visitor is in this segment, for the privacy center. */
  readonly reason: string;
}

/** An A/B experiment the site runs: an id and weighted variants. */
export interface ExperimentSpec {
  /** 1-40 of [A-Za-z0-9_-]. */
  readonly id: string;
  readonly variants: readonly { readonly name: string; readonly weight: number }[];
}

/** The variant this device was bucketed into, and whether that was recorded as an exposure. */
export interface Assignment {
  readonly experiment: string;
  readonly variant: string;
  /** Index of the variant in the experiment's list, for reports. */
  readonly index: number;
  /** False when nothing could be recorded (no `personalize`): the visitor still sees a stable variant. */
  readonly recorded: boolean;
}

/**
 * Which stage of the fallback chain picked an item: the personal model, the visitor's segment prior,
 * the server's popularity priors, or the catalog's own order (the last resort, always available).
 */
export type RecommendationBasis = 'personal' | 'segment' | 'priors' | 'catalog' | 'search';

/** One recommended item and why it was picked. */
export interface RecommendedItem {
  readonly id: string;
  readonly title: string;
  readonly price: number;
  readonly score: number;
  /** "Why am I seeing this", for people. */
  readonly reason: string;
  readonly basis: RecommendationBasis;
  /** Ids of the visitor's own items that led to it (personal basis only). */
  readonly because?: readonly string[];
}

/** What a stated preference is about: something liked, something to avoid, who the gift is for. */
export type PreferenceKind = 'like' | 'avoid' | 'recipient';

/** A preference the visitor stated in the chat ("I prefer wooden toys"); it never leaves the device. */
export interface Preference {
  readonly id: string;
  readonly kind: PreferenceKind;
  /** What the visitor said it is about, as they said it ("wooden toys"). */
  readonly label: string;
  /** The words it is matched on against the catalog (singular, lower case). */
  readonly words: readonly string[];
  /** Epoch ms. */
  readonly at: number;
}

/** Recommendations and how they were made. */
export interface Recommendations {
  readonly items: readonly RecommendedItem[];
  /** `model`: the personal model ran on the visitor's events; `popularity`: cold start. */
  readonly source: 'model' | 'popularity';
  /** The first stage of the fallback chain that contributed, and why later ones were needed. */
  readonly basis: RecommendationBasis;
  readonly fallbackReason?: string;
  readonly modelVersion: string;
  /** ISO 4217 code of the catalog's prices. */
  readonly currency: string;
  /** Wall time of the ONNX run inside the worker. */
  readonly inferenceMs: number;
}
