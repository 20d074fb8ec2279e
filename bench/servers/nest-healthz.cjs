// A minimal NestJS app with one GET /healthz controller, on the adapter named by ADAPTER
// (express | fastify). Plain JS: decorators are applied by calling them as functions.
require('reflect-metadata');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

class HealthController {
  health() {
    return { status: 'ok' };
  }
}
Controller()(HealthController);
Get('healthz')(
  HealthController.prototype,
  'health',
  Object.getOwnPropertyDescriptor(HealthController.prototype, 'health'),
);

class AppModule {}
Module({ controllers: [HealthController] })(AppModule);

function createAdapter(name) {
  if (name === 'express') {
    const { ExpressAdapter } = require('@nestjs/platform-express');
    return new ExpressAdapter();
  }
  if (name === 'fastify') {
    const { FastifyAdapter } = require('@nestjs/platform-fastify');
    return new FastifyAdapter();
  }
  throw new Error(`ADAPTER must be express or fastify, not ${String(name)}`);
}

async function main() {
  const app = await NestFactory.create(AppModule, createAdapter(process.env.ADAPTER), { logger: false });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error) => {
  process.stderr.write(`nest-healthz failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
