/** A share as the dashboard publishes it, and the clipping every published share goes through. */

/** A published share or rate in [0, 1] with its 95 % interval. */
export interface Share {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** A share clipped into [0, 1]: the noise must not show as an impossible rate. */
export const clip01 = (s: Share): Share => ({
  estimate: Math.min(1, Math.max(0, s.estimate)),
  lower: Math.max(0, s.lower),
  upper: Math.min(1, s.upper),
});
