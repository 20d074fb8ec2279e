/** Failure knobs, changeable while the sandbox runs (`PUT /sandbox/_control/knobs` or `sandbox.knobs`). */
export interface SandboxKnobs {
  /** Share of vendor calls answered with a 5xx, 0..1. */
  failureRate: number;
  /** Share of vendor calls never answered (the socket is held, then destroyed), 0..1. */
  timeoutRate: number;
  /** How long a "timed out" call is held before its socket is destroyed. */
  timeoutHoldMs: number;
  /** Added to every vendor call. */
  latencyMs: number;
  /** Lifetime of issued access tokens (Zoom and Google both say 3600). */
  accessTokenLifetimeSeconds: number;
  /** Zoom meeting create/update requests per host user per UTC day (Zoom: 100). */
  zoomDailyCap: number;
}

export const DEFAULT_KNOBS: Readonly<SandboxKnobs> = {
  failureRate: 0,
  timeoutRate: 0,
  timeoutHoldMs: 30_000,
  latencyMs: 0,
  accessTokenLifetimeSeconds: 3600,
  zoomDailyCap: 100,
};

const LIMITS: Record<keyof SandboxKnobs, [number, number]> = {
  failureRate: [0, 1],
  timeoutRate: [0, 1],
  timeoutHoldMs: [0, 600_000],
  latencyMs: [0, 60_000],
  accessTokenLifetimeSeconds: [1, 86_400],
  zoomDailyCap: [0, 1_000_000],
};

/** Applies a partial update, refusing unknown names and out-of-range values. */
export function updateKnobs(knobs: SandboxKnobs, patch: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(patch)) {
    const range = LIMITS[name as keyof SandboxKnobs];
    if (!range) throw new RangeError(`unknown knob ${name}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < range[0] || value > range[1]) {
      throw new RangeError(`${name} must be a number from ${range[0]} to ${range[1]}`);
    }
  }
  Object.assign(knobs, patch);
}
