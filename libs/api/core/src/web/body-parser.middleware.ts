import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';

declare module 'http' {
  interface IncomingMessage {
    /** The exact bytes received, kept for signature checks (Zoom webhooks). */
    rawBody?: Buffer;
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/([\w.+-]+\+)?json$/i;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/**
 * Parses JSON bodies inside Nest so that every failure goes through ProblemFilter: a body that is
 * not JSON is 415, one over BODY_LIMIT is 413, malformed JSON is 400 with the parser's position.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof express.json>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.parse = express.json({
      limit: config.bodyLimit,
      strict: true,
      type: () => true,
      verify: (req, _res, buf) => {
        req.rawBody = buf;
      },
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (!BODY_METHODS.has(req.method) || !hasBody(req)) return next();
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!JSON_TYPE.test(mediaType)) {
      throw new DomainException(
        415,
        ErrorCode.UnsupportedMediaType,
        `Send the body as application/json${mediaType ? `, not ${mediaType}` : ''}.`,
      );
    }
    this.parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const e = err as BodyParserError;
      if (e.type === 'entity.too.large') {
        return next(new DomainException(413, ErrorCode.PayloadTooLarge, 'The request body is too large.'));
      }
      if (e.type === 'entity.parse.failed') {
        return next(
          new DomainException(400, ErrorCode.MalformedJson, `The body is not valid JSON: ${e.message}`),
        );
      }
      if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
        return next(new DomainException(415, ErrorCode.UnsupportedMediaType, e.message));
      }
      return next(new DomainException(400, ErrorCode.BadRequest, 'The request body could not be read.'));
    });
  }
}
