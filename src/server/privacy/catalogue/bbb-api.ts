/** The BigBlueButton API's tables (`bbb-api/migrations.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

/** BigBlueButton API meetings, join tickets, organisation secrets and hooks. */
export const bbbApiCatalogue: DataCatalogue = {
  bbb_api_meetings: {
    purpose: 'A meeting an integration (Moodle, Nextcloud, Greenlight) created through the BigBlueButton API, held in a Plenary room.',
    retention: 'Kept indefinitely after it ends (`ended_at_ms` set): a meetingID keeps its room for later meetings.',
    columns: {
      internal_id: column(
        "BigBlueButton's internal meeting id (SHA-1 of meetingID, a dash and createTime).",
        'The API returns and accepts it.',
        false,
      ),
      meeting_id: column("The integration's meetingID, as given.", 'Calls name the meeting by it.', false),
      room_id: column('The Plenary room holding it.', 'Joins go to that room.', false),
      organisation_id: column(
        'The organisation whose secret created it (null: the operator-wide secret).',
        'A signer sees only its own meetings; its plan applies.',
        false,
      ),
      name: column("The meeting's name, as given.", 'Shown in the meeting.', false),
      attendee_password: column(
        'The attendee password, as given.',
        '`join` compares it; `create` and `getMeetingInfo` return it as documented.',
        false,
      ),
      moderator_password: column('The moderator password, as given.', 'The same, for moderators.', false),
      settings_json: column('The other create parameters (welcome, limits, policies, URLs).', 'The meeting behaves as asked.', false),
      metadata_json: column(
        'The `meta_*` parameters, as given (integrations may put names or course ids in them).',
        'Returned by `getMeetingInfo` and `getMeetings`.',
        true,
      ),
      create_time_ms: column('createTime.', 'Part of the internal id; returned by the API.', false),
      ended_at_ms: column('When it ended (null: running).', 'A second create of the meetingID finds the running one.', false),
    },
  },
  bbb_api_join_tickets: {
    purpose: 'A one-time join ticket `join` hands to a browser (only its hash), and the grant the browser keeps after using it.',
    retention: 'Deleted by the BigBlueButton sweep once the ticket and its grant have expired (minutes to hours).',
    columns: {
      ticket_hash: column("SHA-256 of the ticket in the join URL's fragment.", 'Checks the ticket without storing it.', false),
      internal_meeting_id: column('The meeting.', 'Where the ticket joins.', false),
      room_id: column('The Plenary room.', 'Where the ticket joins.', false),
      full_name: column("The joiner's name, as the integration sent it.", 'Shown in the meeting.', true),
      role: column('moderator or viewer.', "The participant's role.", false),
      user_id: column(
        "The integration's userID (or one made for this join).",
        'Returned to the integration in events and `getMeetingInfo`.',
        true,
      ),
      guest: column('1 for a guest.', 'Guest policy.', false),
      guest_status: column('allow or wait.', 'Whether they wait to be admitted.', false),
      logout_url: column('Where to go after the meeting.', "The integration's page.", false),
      avatar_url: column("The joiner's avatar URL, if sent.", 'Shown for them.', true),
      created_at_ms: column('When the ticket was made.', 'The record.', false),
      expires_at_ms: column('When the ticket lapses (2 minutes).', 'An unused ticket stops working.', false),
      used_at_ms: column('When it was used.', 'A ticket works once.', false),
      grant_hash: column('SHA-256 of the grant the browser keeps.', 'Rejoining after a reload.', false),
      grant_expires_at_ms: column('When the grant lapses.', 'Rejoining is limited in time.', false),
      user_data_json: column('The `userdata-*` parameters, as given.', 'Shown back to the integration as `customdata`.', true),
    },
  },
  bbb_api_organisation_secrets: {
    purpose: "Each organisation's own BigBlueButton API secret.",
    retention: 'Kept while the organisation uses the API; replaced at each rotation.',
    columns: {
      organisation_id: column('The organisation.', 'Whose secret.', false),
      secret: column('The shared secret, as it is (a checksum needs it).', "Checking its integration's calls.", false),
      created_at_ms: column('When its first secret was made.', 'Shown to its admins.', false),
      rotated_at_ms: column('When the one in force was made.', 'Shown to its admins.', false),
      rotated_by: column('The owner or admin who made it.', 'Rooms its integration creates name them as creator.', true),
    },
  },
  bbb_api_hooks: {
    purpose: "A webhook an integration registered: a callback URL POSTed a meeting's events (who joins and leaves, media, chat).",
    retention: 'Until the integration destroys it.',
    columns: {
      hook_id: column('The number the API answers.', 'Calls name the hook by it.', false),
      owner: column(
        "The organisation whose secret registered it ('' for the operator-wide one).",
        'A signer sees only its own hooks.',
        false,
      ),
      callback_url: column('Where events are POSTed.', 'Delivering them.', false),
      meeting_id: column('The meeting it follows (null: every meeting of the owner).', 'Which events.', false),
      raw: column('1: events sent raw.', "BigBlueButton's option.", false),
      created_at_ms: column('When it was registered.', 'The record.', false),
      event_ids: column('The events it is sent (null: all).', "BigBlueButton's filter.", false),
    },
  },
};
