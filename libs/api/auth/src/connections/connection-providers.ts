import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainException, notFound } from '@televisit/api-core';
import type { Strategy } from 'passport';
import type { ConnectionProvider } from './connection-provider.port';
import { OAuthStateStore } from './oauth-state.store';

/**
 * The vendors providers can connect to. Vendor modules register their ConnectionProvider at start
 * (see apps/api's AppModule), so auth never imports a vendor module.
 */
@Injectable()
export class ConnectionProviders {
  private readonly providers = new Map<string, ConnectionProvider>();
  private readonly strategies = new Map<string, Strategy>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly states: OAuthStateStore,
  ) {}

  register(provider: ConnectionProvider): void {
    if (this.providers.has(provider.vendor)) throw new Error(`${provider.vendor} is registered twice`);
    this.providers.set(provider.vendor, provider);
  }

  /** Configured vendors, in registration order. */
  all(): ConnectionProvider[] {
    return this.registered().filter((p) => p.configured);
  }

  /** Every registered vendor, configured or not, in registration order. */
  registered(): ConnectionProvider[] {
    return [...this.providers.values()];
  }

  /**
   * A registered vendor whether or not its OAuth client is configured now (an unknown one is a 404):
   * for what must work without it, like erasing tokens stored before the operator removed the client.
   */
  known(vendor: string): ConnectionProvider {
    const provider = this.providers.get(vendor);
    if (!provider) throw notFound('Vendor');
    return provider;
  }

  /** A vendor providers can use now: an unknown one is a 404, an unconfigured one a 409. */
  get(vendor: string): ConnectionProvider {
    const provider = this.known(vendor);
    if (!provider.configured) {
      throw new DomainException(
        409,
        'vendor_not_configured',
        `${vendor} is not configured on this server; ask the operator to set its OAuth client.`,
      );
    }
    return provider;
  }

  callbackUrl(vendor: string): string {
    return `${this.config.publicUrl}/api/v1/oauth/${vendor}/callback`;
  }

  strategy(vendor: string): Strategy {
    let strategy = this.strategies.get(vendor);
    if (!strategy) {
      strategy = this.get(vendor).createStrategy(
        this.states as unknown as Parameters<ConnectionProvider['createStrategy']>[0],
        this.callbackUrl(vendor),
      );
      this.strategies.set(vendor, strategy);
    }
    return strategy;
  }
}
