/** Table types for Kysely. Rows read back are validated by each domain's repository. */
import type { Generated } from 'kysely';

export interface RoomsTable {
  id: string;
  name: string;
  /** Milliseconds since the epoch (bigint in PostgreSQL, integer in SQLite). */
  created_at_ms: number | string;
  participants_max: number;
  /** Knowing it makes you moderator; generated at creation, shown to moderators. */
  moderator_code: Generated<string>;
  /** When set, joining needs this code (or the moderator code). */
  viewer_code: string | null;
  mute_on_join: Generated<number>;
  waiting_room: Generated<number>;
  /** `LockedSettings` as JSON (`{}` before any was set: nothing locked). */
  viewer_locks_json: Generated<string>;
  /** `MeetingFeature[]` as JSON. */
  disabled_features_json: Generated<string>;
  /** 1 when the room's meetings are end-to-end encrypted. */
  end_to_end_encryption: Generated<number>;
}

export interface MeetingsTable {
  id: string;
  room_id: string;
  started_at_ms: number | string;
  ended_at_ms: number | string | null;
  participants_peak: Generated<number>;
}

export interface Database {
  rooms: RoomsTable;
  meetings: MeetingsTable;
}
