/**
 * The ledger's command line. `node --import tsx src/server/cli/ledger.ts verify` opens the
 * database the server would (DATABASE_URL / DATABASE_SCHEMA, else DATA_DIR/plenary.sqlite),
 * verifies the journal's hash chain and every invariant from scratch, prints the report as
 * JSON, and exits 0 when all holds, 1 when something is broken, 2 on a usage or setup error.
 */
import path from 'node:path';
import { loadConfig } from '../config/index.js';
import { Ledger } from '../ledger/index.js';
import { allMigrations } from '../migrations.js';
import { systemClock } from '../platform/clock.js';
import { openStorage } from '../storage/index.js';

async function verify(): Promise<number> {
  const config = loadConfig();
  const storage = await openStorage(
    config.DATABASE_URL
      ? { engine: 'postgres', url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolSize: 2 }
      : { engine: 'sqlite', file: path.join(config.DATA_DIR, 'plenary.sqlite') },
    // Every domain's migrations: the migrator refuses a database with migrations it does not know.
    allMigrations,
  );
  try {
    const report = await new Ledger(storage, systemClock).verify();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await storage.close();
  }
}

const command = process.argv[2];
if (command === 'verify') {
  process.exitCode = await verify().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  });
} else {
  process.stderr.write('usage: node --import tsx src/server/cli/ledger.ts verify\n');
  process.exitCode = 2;
}
