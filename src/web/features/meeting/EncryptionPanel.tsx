/**
 * The header's "End-to-end encrypted" disclosure of an encrypted meeting: what is encrypted and
 * what is not, the safety code everyone compares out of band, and the keys in use (each shown by
 * its KID, so that a change of keys is visible).
 */
import { LockKeyhole } from 'lucide-preact';
import type { ParticipantId } from '../../../shared/ids.js';
import { safetyEmoji } from '../e2ee/safety-code.js';
import type { MeetingState } from './meeting-controller.js';
import { t } from './messages.js';
import { Popover } from './Popover.js';

/** A KID as the page shows it: hexadecimal. */
const kidText = (kid: bigint | undefined) => (kid === undefined ? t('meeting.e2eeNoKeyYet') : kid.toString(16).padStart(12, '0'));

function SafetyCode({ code }: { code: number[] | undefined }) {
  if (!code) return <p>{t('meeting.e2eeAgreeing')}</p>;
  const names = code.map((index) => t(`meeting.emoji.${safetyEmoji[index]?.[1] ?? 'dog'}`));
  return (
    <ol class="safety-code" aria-label={t('meeting.e2eeSafetyCodeIs', { names: names.join(', ') })} data-code={code.join('.')}>
      {code.map((index, position) => (
        <li key={position}>
          <span class="safety-emoji" aria-hidden="true">
            {safetyEmoji[index]?.[0]}
          </span>
          <span class="safety-name">{names[position]}</span>
        </li>
      ))}
    </ol>
  );
}

export function EncryptionPanel({ state, nameOf }: { state: MeetingState; nameOf: (participantId: ParticipantId) => string }) {
  const status = state.encryption?.status;
  const refused = status?.refusedKeyMessages ?? 0;
  return (
    <Popover label={t('meeting.e2eeBadge')} icon={LockKeyhole} class="encryption" summaryClass="invite encryption-badge">
      <section class="encryption-panel" aria-label={t('meeting.e2eeTitle')}>
        <h2>{t('meeting.e2eeTitle')}</h2>
        <p>{t('meeting.e2eeWhat')}</p>
        <p>{t('meeting.e2eeNotEncrypted')}</p>
        <h3>{t('meeting.e2eeSafetyCode')}</h3>
        <SafetyCode code={status?.safetyCode} />
        <p>{t('meeting.e2eeCompare')}</p>
        <h3>{t('meeting.e2eeKeys')}</h3>
        <ul class="encryption-keys">
          <li data-participant="self">
            {t('meeting.e2eeOwnKey')} <code class="kid">{kidText(status?.sendingKid)}</code>
          </li>
          {(status?.peers ?? []).map((peer) => (
            <li key={peer.participantId} data-participant={peer.participantId}>
              {nameOf(peer.participantId)} <code class="kid">{kidText(peer.kid)}</code>
            </li>
          ))}
        </ul>
        {refused > 0 && <p class="encryption-refused">{t('meeting.e2eeRefused', { count: refused })}</p>}
      </section>
    </Popover>
  );
}
