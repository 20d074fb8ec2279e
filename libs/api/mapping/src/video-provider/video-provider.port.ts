/**
 * What a video vendor offers the reconciler. Mapping depends on this port; the Zoom and Google Meet
 * modules implement it. Mapping never names a vendor.
 */
export interface VideoProvider {
  /** Stable key stored on the appointment, e.g. `zoom` or `google_meet`. */
  readonly key: string;
}

export const VIDEO_PROVIDERS = Symbol('VIDEO_PROVIDERS');
