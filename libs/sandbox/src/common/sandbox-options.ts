/** An OAuth client the fake vendor recognises (HTTP Basic or form credentials at its token endpoint). */
export interface SandboxClient {
  clientId: string;
  clientSecret: string;
}

export interface SandboxOptions {
  zoom: {
    /** The user-managed OAuth app televisit uses. */
    client: SandboxClient;
    /** Signs webhooks like Zoom (`x-zm-signature`); without it no webhook is sent. */
    webhookSecretToken?: string;
    /** Where webhooks are POSTed, e.g. `http://127.0.0.1:3000/api/v1/webhooks/zoom`. */
    webhookUrl?: string;
  };
  google: {
    client: SandboxClient;
  };
  /** Milliseconds since the epoch; tests pass a manual clock. */
  now?: () => number;
}
