/** The supervised local Janus: configuration written into DATA_DIR, process kept running. */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { writeJanusConfig } from './janus-config.js';
import { ProcessSupervisor } from './process-supervisor.js';
import type { JanusTurn } from './turn/index.js';

/** Asks the kernel for a free TCP port on loopback. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalJanus {
  /** The WebSocket URL of its API (loopback). */
  url: string;
  apiSecret: string;
  /** Its admin API (WebSocket, loopback), through which its load is read, and the secret it requires. */
  adminUrl: string;
  adminSecret: string;
  supervisor: ProcessSupervisor;
}

/** Writes a fresh configuration (new ports, API and admin secrets) and starts Janus under supervision. */
export async function startLocalJanus(options: {
  dataDirectory: string;
  binary: string;
  iceInterface: string;
  rtpPortRange: string;
  /** A TURN server for Janus's own relayed candidates (`JANUS_TURN=on`). */
  turn?: JanusTurn | undefined;
  logger: Logger;
}): Promise<LocalJanus> {
  const folder = path.join(options.dataDirectory, 'janus');
  const websocketPort = await findFreePort();
  const apiSecret = randomBytes(24).toString('base64url');
  const admin = { port: await findFreePort(), secret: randomBytes(24).toString('base64url') };
  const configFile = writeJanusConfig({
    folder,
    websocketPort,
    apiSecret,
    admin,
    iceInterface: options.iceInterface,
    rtpPortRange: options.rtpPortRange,
    turn: options.turn,
  });
  const supervisor = new ProcessSupervisor({
    name: 'janus',
    command: options.binary,
    args: ['--config', configFile, '--configs-folder', folder, '--disable-colors'],
    logger: options.logger.child({ component: 'janus' }),
  });
  supervisor.start();
  return {
    url: `ws://127.0.0.1:${websocketPort}`,
    apiSecret,
    adminUrl: `ws://127.0.0.1:${admin.port}`,
    adminSecret: admin.secret,
    supervisor,
  };
}
