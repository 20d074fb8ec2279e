/**
 * What a vendor module offers the vendor-neutral OAuth connect flow. Auth depends on this port;
 * the Zoom and Google modules implement it. Auth never names a vendor.
 */
export interface ConnectionProvider {
  /** Stable vendor key used in paths, e.g. `zoom` in /connections/zoom. */
  readonly vendor: string;
}

export const CONNECTION_PROVIDERS = Symbol('CONNECTION_PROVIDERS');
