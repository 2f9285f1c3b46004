/**
 * Client addresses in the database live only `PRIVACY_ADDRESS_RETENTION_DAYS`: one of the privacy
 * sweep's forgetters (`expired-rows.ts`) asks every domain that keeps one (today accounts'
 * login-failure counts) to forget those older.
 */
import { type ExpiredRowsForgetter, keptForDays } from './expired-rows.js';

/** Deletes the addresses a domain last touched at or before `beforeMs`; resolves to how many rows went. */
export type AddressForgetter = (beforeMs: number) => Promise<number>;

/** The sweep's forgetter of client addresses: every domain's, with the cut-off `retentionDays` (default 7) before now. */
export function clientAddressesForgetter(retentionDays: number, forgetters: readonly AddressForgetter[]): ExpiredRowsForgetter {
  return {
    rows: 'client addresses',
    forget: keptForDays(retentionDays, async (beforeMs) => {
      let deleted = 0;
      for (const forget of forgetters) deleted += await forget(beforeMs);
      return deleted;
    }),
  };
}
