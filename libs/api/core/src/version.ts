/** Injected by the build (webpack DefinePlugin); "dev" when running from source. */
declare const __TELEVISIT_VERSION__: string | undefined;
export const APP_VERSION: string =
  typeof __TELEVISIT_VERSION__ === 'string'
    ? __TELEVISIT_VERSION__
    : (process.env['npm_package_version'] ?? 'dev');
