import { Module } from '@nestjs/common';

import { HttpClient } from './http-client';

/** The one hardened outbound HTTP client (TLS 1.2+, timeouts, retries, redaction). */
@Module({ providers: [HttpClient], exports: [HttpClient] })
export class HttpClientModule {}
