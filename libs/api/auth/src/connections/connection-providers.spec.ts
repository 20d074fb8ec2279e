import { type AppConfig, DomainException } from '@televisit/api-core';
import type { ConnectionProvider } from './connection-provider.port';
import { ConnectionProviders } from './connection-providers';
import type { OAuthStateStore } from './oauth-state.store';

function fakeProvider(vendor: string, configured: boolean): ConnectionProvider {
  return {
    vendor,
    configured,
    missingScopes: () => [],
    createStrategy: () => {
      throw new Error('not used here');
    },
    refresh: () => Promise.reject(new Error('not used here')),
    check: () => Promise.resolve(),
    revoke: () => Promise.resolve(),
  };
}

/** Zoom configured, Google registered without its OAuth client, Teams configured: in that order. */
function registry() {
  const providers = new ConnectionProviders(
    { publicUrl: 'https://televisit.test' } as AppConfig,
    {} as OAuthStateStore,
  );
  for (const provider of [
    fakeProvider('zoom', true),
    fakeProvider('google', false),
    fakeProvider('teams', true),
  ]) {
    providers.register(provider);
  }
  return providers;
}

function thrown(fn: () => unknown): DomainException {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainException);
    return error as DomainException;
  }
  throw new Error('did not throw');
}

describe('ConnectionProviders', () => {
  it('lists the configured vendors, and every registered one, in registration order', () => {
    const providers = registry();
    expect(providers.all().map((p) => p.vendor)).toEqual(['zoom', 'teams']);
    expect(providers.registered().map((p) => p.vendor)).toEqual(['zoom', 'google', 'teams']);
  });

  it('get: a configured vendor; 409 vendor_not_configured for one without its client; 404 for an unknown one', () => {
    const providers = registry();
    expect(providers.get('zoom').vendor).toBe('zoom');
    expect(thrown(() => providers.get('google'))).toMatchObject({
      status: 409,
      code: 'vendor_not_configured',
    });
    expect(thrown(() => providers.get('skype'))).toMatchObject({ status: 404 });
  });

  it('known: any registered vendor, configured or not; 404 for an unknown one', () => {
    const providers = registry();
    expect(providers.known('zoom').vendor).toBe('zoom');
    expect(providers.known('google')).toMatchObject({ vendor: 'google', configured: false });
    expect(thrown(() => providers.known('skype'))).toMatchObject({ status: 404 });
  });
});
