import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { API_KEY_SECURITY, CSRF_SECURITY, SESSION_SECURITY } from '../access/access.decorator';
import { APP_VERSION } from '../version';
import { withProblemResponses } from './problem-responses';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs/openapi.json';

/** The API's OpenAPI 3 document, built from the controllers and their zod DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('televisit API')
    .setDescription(
      'Secure Zoom and Google Meet video visits for clinic appointments. Errors are application/problem+json (RFC 9457).',
    )
    .setOpenAPIVersion('3.1.0')
    .setVersion(APP_VERSION.replace(/-.*$/, ''))
    .addCookieAuth(
      'tv_session',
      { type: 'apiKey', in: 'cookie', description: 'Dashboard session (`__Host-tv_session` over https)' },
      SESSION_SECURITY,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-CSRF-Token',
        description: 'Required on POST, PUT, PATCH and DELETE',
      },
      CSRF_SECURITY,
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'EHR API key: tvk_…' }, API_KEY_SECURITY)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  return withProblemResponses(cleanupOpenApiDoc(document));
}

export function mountOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'api/docs/openapi.yaml',
    customSiteTitle: 'televisit API',
  });
}
