/** The record the store keeps for stated preferences (worker/chat/preferences.ts owns it). */
import type { Preference } from '../protocol';

/** The preferences the worker keeps, newest last. */
export interface PreferenceState {
  readonly items: readonly Preference[];
}
