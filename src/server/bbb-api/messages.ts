/**
 * The `messageKey`s Plenary's BigBlueButton API answers with, and the English `message` beside
 * each. The keys are BigBlueButton's documented, stable ones (integrations branch on them), so
 * they keep its camelCase rather than Plenary's snake_case codes; the messages are Plenary's own
 * words. They are not translated: BigBlueButton documents `message` as plain English for the
 * integration's logs, and integrations word the keys themselves.
 */
import { type Failure, failure } from '../platform/outcome.js';

const messages = {
  checksumError: 'The checksum is missing or wrong, or made with an algorithm this server does not accept.',
  missingParamMeetingID: 'You must give a meetingID.',
  missingParamFullName: 'You must give the fullName of the person joining.',
  missingParamRecordID: 'You must give a recordID.',
  missingParamPublish: 'You must give publish, true or false.',
  missingParamMessage: 'You must give the message to send.',
  validationError: 'A parameter is not valid.',
  invalidMeetingIdentifier: 'No meeting has that meetingID.',
  notFound: 'No meeting has that meetingID.',
  idNotUnique: 'A meeting with this meetingID already exists with other passwords; give another meetingID.',
  invalidPassword: 'The password is neither the attendee nor the moderator password of this meeting, and no valid role was given.',
  meetingForciblyEnded: 'This meeting has been ended; create it again to hold another one.',
  mismatchCreateTimeParam: 'The createTime does not match the meeting that has this meetingID now.',
  guestDeniedAccess: 'The guest policy of this meeting lets no guest in.',
  maxParticipantsReached: 'The meeting has as many participants as it allows.',
  unsupportedRequest: 'This server does not answer that call, or not with that method.',
  internalError: 'The server could not answer this call; try again later.',
  missingParamCallbackURL: 'You must specify a callbackURL in the parameters.',
  missingParamHookID: 'You must specify a hookID in the parameters.',
  createHookError:
    'The hook could not be created: its callbackURL must be http or https to a public address, and an integration may register at most 100 hooks.',
  destroyMissingHook: 'The hook informed was not found.',
} as const;

/** A key BigBlueButton documents for a FAILED answer. */
export type BbbFailureKey = keyof typeof messages;

/** A refused call: its `messageKey` and `message`. */
export type BbbFailure = Failure<BbbFailureKey>;

/** The failure `key`, with its usual message or a more precise one. */
export function bbbFailure(key: BbbFailureKey, message: string = messages[key]): BbbFailure {
  return failure(key, message);
}

/** Keys and messages of SUCCESS answers that carry a note. */
export const successNotes = {
  duplicateWarning: 'This meeting already existed and may be in progress.',
  sentEndMeetingRequest: 'The meeting is being ended; isMeetingRunning or getMeetingInfo tells when it has.',
  successfullyJoined: 'The join was accepted.',
  guestWait: 'The guest waits for a moderator to let them in.',
  noMeetings: 'No meetings are being held on this server.',
  noRecordings: 'There are no recordings for these meetings.',
} as const;

/** A SUCCESS answer's note. */
export type BbbNote = { key: keyof typeof successNotes; message: string };

/** The note `key` with its message. */
export function note(key: keyof typeof successNotes): BbbNote {
  return { key, message: successNotes[key] };
}
