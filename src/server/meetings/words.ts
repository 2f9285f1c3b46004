/**
 * The meetings domain's words: its HTTP error sentences and those of the live meeting, sent over
 * the WebSocket in each participant's language (French in `words.fr.ts`).
 */
import { defineWords } from '../platform/words.js';
import { meetingsFrench } from './words.fr.js';

export const meetingsEnglish = {
  room_link_unknown: 'There is no room with this link. Check the link, or start a new meeting.',
  room_gone: 'The room no longer exists.',
  moderators_only_settings: 'Only the room’s moderators can see or change its settings.',
  room_not_found: 'There is no room with this link.',
  nobody_waiting: 'Nobody with that id is waiting.',
  join_first: 'Join a meeting first.',
  join_link_expired: 'This join link has expired, or its meeting has ended: go back to where you found it and join again.',
  already_joined: 'This connection has already joined a meeting.',
  meeting_just_ended: 'This meeting has just ended.',
  banned: 'You were removed from this meeting.',
  room_is_locked: 'This meeting is locked: nobody new can join.',
  encryption_unsupported:
    'This meeting is end-to-end encrypted, and this browser cannot encrypt video and sound: join from a current version of Chromium, Chrome, Edge, Firefox or Safari.',
  chat_must_be_sealed: 'This meeting is end-to-end encrypted: its chat messages must be sealed in the browser.',
  chat_not_sealed: 'This meeting is not end-to-end encrypted: send chat messages as text.',
  chat_export_encrypted: 'This meeting’s chat is end-to-end encrypted: the server cannot read it, so it cannot export it.',
  e2ee_identity_first: 'Announce this browser’s public key before sending keys.',
  e2ee_unhandled: 'The encryption of this meeting does not handle this message.',
  room_is_full: 'This room is full: it holds at most {max, plural, one {# person} other {# people}}.',
  plan_participants_limit:
    'This meeting has reached its plan’s limit: the {plan} plan allows {max, plural, one {# person} other {# people}} at once.',
  plan_meetings_limit:
    'The {plan} plan allows {max, plural, one {# meeting} other {# meetings}} at once, and that many are being held in its rooms now.',
  too_many_waiting: 'Too many people are waiting to join.',
  nothing_handles: 'Nothing in this meeting handles {type}.',
  moderators_only: 'Only moderators can do that.',
  chat_unhandled: 'The chat does not handle this message.',
  chat_off: 'The moderators have turned chat off for viewers.',
  microphones_off: 'The moderators have turned microphones off for viewers.',
  cameras_off: 'The moderators have turned cameras off for viewers.',
  screen_sharing_off: 'The moderators have turned screen sharing off for viewers.',
  private_chat_off: 'The moderators have turned private messages between viewers off; you can still write to a moderator.',
  chat_disabled: 'Chat is switched off in this room.',
  private_chat_disabled: 'Private messages are switched off in this room.',
  screen_sharing_disabled: 'Screen sharing is switched off in this room.',
  hands_disabled: 'Raising hands is switched off in this room.',
  reactions_disabled: 'Reactions are switched off in this room.',
  screen_share_taken: '{name} is already sharing a screen.',
  participant_not_here: 'That participant is not in this meeting.',
  participant_left: 'That participant has left.',
  no_subscription: 'There is no subscription to that participant.',
  not_publishing: 'That participant is not sending this stream.',
  too_often: 'You are doing that too often; wait a moment.',
  too_many_messages: 'Too many messages; slow down.',
  binary_refused: 'Binary messages are not accepted.',
  message_too_large: 'Messages are limited to {max, number} bytes.',
  message_not_json: 'The message is not valid JSON.',
  message_invalid: 'The message is not valid: {where}{problem}.',
  internal_error: 'Something went wrong on our side.',
  shutting_down: 'The server is shutting down.',
  held_elsewhere: 'This meeting is held on another server; join again in a moment.',
  last_moderator: 'A meeting always keeps at least one moderator.',
  use_leave: 'Use Leave to leave the meeting.',
  access_code_required: 'This room needs an access code.',
  access_code_wrong: 'That access code is not right.',
  media_server_unavailable: 'The media server is unavailable; reconnecting.',
  media_negotiation_failed: 'The media server could not set up this stream.',
  publish_in_progress: 'A publish is already in progress.',
  left_meeting: 'You have left the meeting.',
  connection_changed: 'The connection changed while publishing; publish again.',
} as const;

export const meetingsWords = defineWords('meetings', meetingsEnglish, { fr: meetingsFrench });
