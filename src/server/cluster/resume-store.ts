/**
 * Who may continue as whom when a meeting moves to another instance (its holder stopped or died):
 * the holder keeps, for each participant, their id, role and name under a digest of their resume
 * token, in Redis, sealed; the instance that holds the room next finds them by the token the
 * browser brings back, and lets them in as the same participant — same id, same token, same role —
 * instead of as someone new. Only the token's holder can find its entry (the key is its SHA-256).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RoomId } from '../../shared/ids.js';
import { ParticipantIdSchema } from '../../shared/ids.js';
import { RoleSchema } from '../../shared/protocol.js';
import type { ClusterBus } from './bus.js';

/** How long a meeting's entries outlive its last join: long enough for any meeting to be moved. */
const keptMs = 12 * 60 * 60 * 1000;

const EntrySchema = z.object({ participantId: ParticipantIdSchema, role: RoleSchema });
export type ResumeEntry = z.infer<typeof EntrySchema>;

const fieldOf = (resumeToken: string) => createHash('sha256').update(resumeToken).digest('base64url');

export class ResumeStore {
  constructor(private readonly bus: ClusterBus) {}

  /** Keeps who `resumeToken` continues as in `roomId`'s meeting; whether Redis took it. */
  remember(roomId: RoomId, resumeToken: string, entry: ResumeEntry): Promise<boolean> {
    return this.bus.keep(`resume:${roomId}`, fieldOf(resumeToken), JSON.stringify(entry), keptMs);
  }

  /** The room's meeting ended (not moved): nobody continues from it. Whether Redis did forget. */
  forgetRoom(roomId: RoomId): Promise<boolean> {
    return this.bus.forget(`resume:${roomId}`);
  }

  /** Who `resumeToken` continues as in `roomId`'s meeting, if a holder of it kept it. */
  async find(roomId: RoomId, resumeToken: string): Promise<ResumeEntry | undefined> {
    const kept = await this.bus.kept(`resume:${roomId}`, fieldOf(resumeToken), keptMs);
    if (kept === undefined) return undefined;
    try {
      return EntrySchema.parse(JSON.parse(kept));
    } catch {
      return undefined;
    }
  }
}
