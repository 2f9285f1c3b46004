/**
 * `npm start` lands here (after scripts/setup.mjs): load the configuration, start the
 * services and the HTTP server, print the URL, and shut down gracefully on SIGTERM/SIGINT.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/index.js';
import { privateLogOptions } from './privacy/index.js';
import { startServices } from './services.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  // No log line carries a client's IP address (privacy/log-privacy.ts).
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'plenary' }, ...privateLogOptions });
  const services = await startServices(config, logger);
  const { app, connections } = await buildApp({
    ...services,
    logger,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    ledgerApiToken: config.LEDGER_API_TOKEN,
    metricsToken: config.METRICS_TOKEN,
    trustedProxies: config.TRUST_PROXY,
    webRoot: path.join(projectRoot, 'dist/web'),
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  logger.info({ url, port }, 'plenary is listening');
  process.stdout.write(`\n  Plenary is running at ${url}\n\n`);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => process.exit(1), 15_000);
    forceExit.unref();
    connections.shutdownAll();
    await app.close();
    await services.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Plenary could not start:', error);
  process.exit(1);
});
