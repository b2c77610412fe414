/**
 * What the store's `state` object store holds: one record per owner module, typed here so the
 * store stays the only module that touches IndexedDB while each owner keeps its own shape.
 */
import type { PreferenceState } from '../chat/preference-state';
import type { SatisfactionState } from '../chat/satisfaction';
import type { ExperimentState } from '../experiments/experiment-state';
import type { ExposureState } from '../personalization/exposure';
import type { FeedbackState } from '../personalization/feedback';
import type { KeptRecommendations } from '../personalization/kept-recommendations';
import type { ProfileState } from '../personalization/profile';
import type { MemoState } from '../sync/memo-state';
import type { ReportedState } from '../sync/outbox-types';
import type { PrivacyLedger } from '../sync/privacy-ledger';

/** Key → value of the `state` store. */
export interface StateMap {
  /** The incremental profile (worker/personalization/profile). */
  profile: ProfileState;
  /** Feedback given and the score adjustments it implies (worker/personalization/feedback). */
  feedback: FeedbackState;
  /** Experiment assignments, exposures and conversions (worker/experiments). */
  experiments: ExperimentState;
  /** Random per-install salt for experiment bucketing, hex. Never leaves the device. */
  salt: string;
  /** Epsilon spent on shared reports (worker/sync/privacy-ledger). */
  ledger: PrivacyLedger;
  /** Report keys already queued today (worker/sync/report-plan), so a reload does not report again. */
  reported: ReportedState;
  /** Permanent randomized responses of memoized metrics (worker/sync/memo-state); deleted with `share`. */
  memo: MemoState;
  /** Preferences the visitor stated in the chat (worker/chat/preferences); never reported. */
  preferences: PreferenceState;
  /** Recommended items shown and opened (worker/personalization/exposure); one impression a day may be reported, noised, with `share`. */
  exposure: ExposureState;
  /** The visitor's ratings of conversations (worker/chat/satisfaction); reported noised with `share`. */
  satisfaction: SatisfactionState;
  /** The last recommendations computed (worker/personalization/kept-recommendations); never reported. */
  recommendations: KeptRecommendations;
}

/** One chat message at rest: AES-GCM ciphertext of the JSON `ChatMessage`, with its IV. */
export interface SealedMessage {
  readonly id: string;
  /** Epoch ms; kept in clear for ordering (the content, role and decision are sealed). */
  readonly at: number;
  readonly iv: Uint8Array;
  readonly data: ArrayBuffer;
}
