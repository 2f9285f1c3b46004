/** The participant list: role, microphone and camera, hand, speaking; moderators get actions per person. */
import { Hand, UserCog } from 'lucide-preact';
import type { Moderation, ParticipantSummary } from '../../../shared/protocol.js';
import { t } from './messages.js';
import { Popover } from './Popover.js';

interface Props {
  self: ParticipantSummary | undefined;
  people: ParticipantSummary[];
  isModerator: boolean;
  moderate: (moderation: Moderation) => void;
}

function Person({
  person,
  isSelf,
  isModerator,
  moderate,
}: {
  person: ParticipantSummary;
  isSelf: boolean;
  isModerator: boolean;
  moderate: Props['moderate'];
}) {
  const participantId = person.participantId;
  const states = [
    person.media.audioMuted ? t('people.micOff') : undefined,
    person.media.videoMuted ? t('people.camOff') : undefined,
    person.reconnecting ? t('meeting.reconnectingBadge') : undefined,
  ].filter(Boolean);
  return (
    <li class={person.speaking ? 'person speaking' : 'person'} data-participant-id={participantId}>
      <div class="person-line">
        {person.handRaisedAtMs !== null && (
          <span class="person-icon" role="img" aria-label={t('meeting.handRaised')}>
            <Hand size={16} aria-hidden="true" />
          </span>
        )}
        <span class="person-name">{isSelf ? t('meeting.you', { name: person.displayName }) : person.displayName}</span>
        <span class="badge">{t(`role.${person.role}`)}</span>
        {person.speaking && <span class="badge speaking-badge">{t('meeting.speaking')}</span>}
      </div>
      {states.length > 0 && <div class="hint">{states.join(' · ')}</div>}
      {isModerator && !isSelf && (
        <Popover
          label={t('people.actionsFor', { name: person.displayName })}
          icon={UserCog}
          class="person-actions"
          summaryClass="person-summary"
        >
          <div class="action-row">
            {!person.media.audioMuted && (
              <button type="button" onClick={() => moderate({ action: 'mute', participantId })}>
                {t('people.mute')}
              </button>
            )}
            {person.media.audioMuted && (
              <button type="button" onClick={() => moderate({ action: 'ask-unmute', participantId })}>
                {t('people.askUnmute')}
              </button>
            )}
            {!person.media.videoMuted && (
              <button type="button" onClick={() => moderate({ action: 'camera-off', participantId })}>
                {t('people.cameraOff')}
              </button>
            )}
            {person.handRaisedAtMs !== null && (
              <button type="button" onClick={() => moderate({ action: 'lower-hand', participantId })}>
                {t('people.lowerHand')}
              </button>
            )}
            <button
              type="button"
              onClick={() => moderate({ action: 'set-role', participantId, role: person.role === 'moderator' ? 'viewer' : 'moderator' })}
            >
              {person.role === 'moderator' ? t('people.makeViewer') : t('people.makeModerator')}
            </button>
            <button type="button" class="danger" onClick={() => moderate({ action: 'remove', participantId, ban: false })}>
              {t('people.remove')}
            </button>
            <button type="button" class="danger" onClick={() => moderate({ action: 'remove', participantId, ban: true })}>
              {t('people.removeAndBan')}
            </button>
          </div>
        </Popover>
      )}
    </li>
  );
}

export function ParticipantsPanel({ self, people, isModerator, moderate }: Props) {
  const everyone = self ? [self, ...people] : people;
  const hands = everyone
    .filter((person) => person.handRaisedAtMs !== null)
    .sort((a, b) => (a.handRaisedAtMs ?? 0) - (b.handRaisedAtMs ?? 0));
  return (
    <section class="panel-body" aria-label={t('panel.people')}>
      {isModerator && hands.length > 0 && (
        <>
          <h3>{t('people.handQueue')}</h3>
          <ol class="hand-queue">
            {hands.map((person) => (
              <li key={person.participantId}>{person.displayName}</li>
            ))}
          </ol>
        </>
      )}
      <ul class="people">
        {everyone.map((person) => (
          <Person
            key={person.participantId}
            person={person}
            isSelf={person.participantId === self?.participantId}
            isModerator={isModerator}
            moderate={moderate}
          />
        ))}
      </ul>
    </section>
  );
}
