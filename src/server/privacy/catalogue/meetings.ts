/** The meetings domain's tables (`meetings/migrations.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

/** Rooms and meeting records. */
export const meetingsCatalogue: DataCatalogue = {
  rooms: {
    purpose: 'A persistent meeting room: its unguessable link, name and the settings its meetings start with.',
    retention: 'Kept while the room exists; there is no room deletion yet, so rooms are kept indefinitely.',
    columns: {
      id: column('The room id in its link (`/r/<id>`), random and unguessable.', 'The link is the key to the room.', false),
      name: column('The name its creator gave the room.', 'Shown in the meeting, its invite and its settings.', false),
      created_at_ms: column('When the room was created.', "Ordering and the operators' view of rooms.", false),
      participants_max: column('The most people allowed in its meetings at once.', 'Enforced at each join (`room_is_full`).', false),
      moderator_code: column(
        'The code that makes whoever gives it a moderator.',
        "The creator's browser keeps it; moderators can share it.",
        false,
      ),
      viewer_code: column('The access code viewers must give, if one is set.', 'Keeps people without the code out of the meeting.', false),
      mute_on_join: column('Whether people join with their microphone muted (0/1).', 'A room setting moderators choose.', false),
      waiting_room: column('Whether joiners wait to be admitted (0/1).', 'A room setting moderators choose.', false),
      viewer_locks_json: column(
        'What each meeting starts with locked for viewers (JSON).',
        "The settings page's defaults, e.g. for speaker-only meetings.",
        false,
      ),
      disabled_features_json: column(
        'Features switched off for everyone in the room (JSON list).',
        'A room setting moderators choose.',
        false,
      ),
      end_to_end_encryption: column(
        'Whether the room’s meetings are end-to-end encrypted (1) or not (0); never a key.',
        'A room setting moderators choose: it decides who may join and whether the server relays encryption keys.',
        false,
      ),
    },
  },
  media_servers: {
    purpose: 'The media servers (Janus) the operators registered, that meetings are placed on: how to reach each and how to use it.',
    retention: 'Until an operator removes the server.',
    columns: {
      id: column('The server’s id (`ms_…`).', 'Names it in placements, the console and the metrics.', false),
      name: column('The name the operators gave it.', 'Shown in the operator console and the metrics.', false),
      url: column('The address of its WebSocket API.', 'Every instance connects there.', false),
      api_secret: column('The API secret it requires, if any (a credential, not personal data).', 'Connecting to it.', false),
      admin_url: column('The address of its admin API, if the operators gave one.', 'Reading its own load (streams, bitrate).', false),
      admin_secret: column('The admin secret it requires, if any (a credential, not personal data).', 'Reading its own load.', false),
      weight: column('How much it carries compared with the others.', 'Placement divides its load by it.', false),
      region: column('Where it runs.', 'Placement prefers the instance’s region.', false),
      renewable: column('Whether it runs on renewable power.', 'Placement may prefer it.', false),
      drained: column('Whether it takes new meetings.', 'Placement skips drained servers.', false),
      created_at_ms: column('When it was registered.', 'Listing order.', false),
    },
  },
  room_placements: {
    purpose:
      'Which server instance and media server hold each live meeting, so that instances sharing the database never hold two meetings in one room.',
    retention: 'While the meeting is live; deleted when it ends, or taken over once its instance stops renewing the claim.',
    columns: {
      room_id: column('The room.', 'One live meeting per room.', false),
      instance_id: column('The instance holding the meeting.', 'Others send joiners there instead of starting a second meeting.', false),
      media_server_id: column('The media server carrying it.', 'Failover records where it moved.', false),
      placed_at_ms: column('When it was placed (or moved).', 'Operations.', false),
      claimed_at_ms: column('When its instance last renewed the claim.', 'A dead instance’s rooms are taken over after the lease.', false),
    },
  },
  room_notes: {
    purpose: 'A room’s shared notes, kept between its meetings only because a moderator chose “Keep with the room”.',
    retention: 'Until a moderator stops keeping them (deleted at once), or with the room.',
    columns: {
      room_id: column('The room the notes belong to.', 'Brings them back in its next meeting.', false),
      state: column(
        'The notes themselves, as one Yjs update (base64url): whatever participants wrote, which may name people.',
        'What the moderator chose to keep for the room’s next meetings.',
        true,
      ),
      kept_at_ms: column('When a moderator first kept them.', 'Shown with the notes; tells how old a kept document is.', false),
      updated_at_ms: column('When they were last saved.', 'Shown with the notes.', false),
    },
  },
  meetings: {
    purpose: 'One record per meeting held in a room: when, how many at most, and total participant time — never who.',
    retention: 'Kept indefinitely: usage reports and plan advice read the last twelve months, billing the current period.',
    columns: {
      id: column("The meeting record's id.", 'Identifies the record.', false),
      room_id: column('The room the meeting was held in.', 'Usage per room and the one-meeting-at-once rule.', false),
      started_at_ms: column('When the first person was let in.', 'Usage reports and the meeting length limit.', false),
      ended_at_ms: column(
        'When the meeting ended (null while it runs).',
        'Usage reports; an open meeting is cleaned up after a crash.',
        false,
      ),
      participants_peak: column('The most people in the meeting at once.', "Usage reports and the operators' live view.", false),
      instance_id: column(
        'The server instance holding the meeting while it runs.',
        'Only its own or a lapsed claim is cleaned up at start-up.',
        false,
      ),
      claimed_at_ms: column('When that instance last renewed its claim.', 'A claim older than the lease means the instance died.', false),
      participant_ms: column(
        "Every admitted participant's time added up, in milliseconds (a number only).",
        "Participant-minutes in the organisation's usage report.",
        false,
      ),
    },
  },
};
