import { describe, expect, it } from 'vitest';
import { ParticipantIdSchema } from '../../../shared/ids.js';
import type { PollView } from '../../../shared/poll-protocol.js';
import type { PresentationView } from '../../../shared/presentation-protocol.js';
import { nothingLocked, type Role } from '../../../shared/protocol.js';
import { initialState, type MeetingState } from './meeting-controller.js';
import { permissions } from './meeting-ui.js';

const poll: PollView = {
  pollId: 'poll_abcdefgh',
  question: 'Tea?',
  kind: 'yes-no',
  choices: 2,
  anonymous: false,
  status: 'open',
  answered: false,
};

/** A joined meeting as the controller holds it: ourselves with `role`, encrypted or not, with a poll or not. */
function meeting(role: Role, options: { encrypted?: boolean; poll?: PollView } = {}): MeetingState {
  const media = { audioMuted: false, videoMuted: false };
  return {
    ...initialState(media),
    status: 'joined',
    self: {
      participantId: ParticipantIdSchema.parse('p_self000001'),
      displayName: 'Ada',
      role,
      media,
      publishing: true,
      sharingScreen: false,
      handRaisedAtMs: null,
      speaking: false,
      reconnecting: false,
    },
    settings: {
      roomLocked: false,
      lockedForViewers: nothingLocked,
      disabledFeatures: [],
      multipleSharers: false,
      waitingRoom: false,
      endToEndEncrypted: options.encrypted ?? false,
    },
    poll: options.poll,
  };
}

describe('the Polls panel', () => {
  it('is offered to moderators, and to others once a poll was asked', () => {
    expect(permissions(meeting('moderator')).pollsShown).toBe(true);
    expect(permissions(meeting('guest')).pollsShown).toBe(false);
    expect(permissions(meeting('guest', { poll })).pollsShown).toBe(true);
  });

  it('is offered to nobody in an end-to-end encrypted meeting, where the server refuses polls', () => {
    expect(permissions(meeting('moderator', { encrypted: true })).pollsShown).toBe(false);
    expect(permissions(meeting('guest', { encrypted: true, poll })).pollsShown).toBe(false);
  });
});

describe('the Presentation panel', () => {
  const presentation: PresentationView = {
    id: 'pres_abcdefgh',
    name: 'slides.pdf',
    pages: 3,
    page: 1,
    zoom: 1,
    presenterId: ParticipantIdSchema.parse('p_other000001'),
    downloadable: false,
    ticket: 'ticket-000000000000000000',
  };

  it('is offered to moderators (to upload), and to others while a presentation is shown', () => {
    expect(permissions(meeting('moderator')).presentationShown).toBe(true);
    expect(permissions(meeting('guest')).presentationShown).toBe(false);
    expect(permissions({ ...meeting('guest'), presentation }).presentationShown).toBe(true);
  });

  it('is offered to nobody in an end-to-end encrypted meeting, where the server refuses presentations', () => {
    expect(permissions(meeting('moderator', { encrypted: true })).presentationShown).toBe(false);
    expect(permissions({ ...meeting('guest', { encrypted: true }), presentation }).presentationShown).toBe(false);
  });
});
