/**
 * Public and private chat. Text is rendered as text (never as HTML); web addresses become
 * links that open in a new tab without access to this page.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { ChatMessage, ParticipantSummary } from '../../../shared/protocol.js';
import { formatDate } from '../../app/intl/language.js';
import { linkify } from './chat-links.js';
import { t } from './messages.js';

interface Props {
  messages: ChatMessage[];
  selfId: ParticipantId | undefined;
  people: ParticipantSummary[];
  /** Whether this person may write to everyone now. */
  canWriteToEveryone: boolean;
  /** Whether this person may write privately to someone now. */
  canWritePrivatelyTo: (person: ParticipantSummary) => boolean;
  isModerator: boolean;
  send: (to: ParticipantId | null, text: string) => void;
  /** A moderator's download of the public chat; absent when the server cannot read it (an encrypted meeting). */
  exportChat?: (() => void) | undefined;
}

export function ChatPanel({ messages, selfId, people, canWriteToEveryone, canWritePrivatelyTo, isModerator, send, exportChat }: Props) {
  const [text, setText] = useState('');
  const [chosen, setTo] = useState<ParticipantId | ''>('');
  const recipients = people.filter((person) => person.participantId !== selfId && canWritePrivatelyTo(person));
  // Whom the message goes to: the choice while it is still allowed, else everyone, else the first person allowed.
  const allowed = (choice: ParticipantId | '') =>
    choice === '' ? canWriteToEveryone : recipients.some((person) => person.participantId === choice);
  const to = allowed(chosen) ? chosen : canWriteToEveryone ? '' : (recipients[0]?.participantId ?? '');
  const locked = !allowed(to);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [messages.length]);
  const nameOf = (id: ParticipantId) => people.find((person) => person.participantId === id)?.displayName ?? '?';
  const submit = (event: Event) => {
    event.preventDefault();
    if (text.trim() === '') return;
    send(to === '' ? null : to, text);
    setText('');
  };
  const remaining = limits.chatMessageCharactersMax - text.length;
  return (
    <section class="panel-body chat" aria-label={t('panel.chat')}>
      {isModerator && exportChat && (
        <button type="button" onClick={exportChat}>
          {t('chat.download')}
        </button>
      )}
      <ol class="messages" ref={list} aria-live="polite">
        {messages.length === 0 && <li class="empty-state">{t('chat.empty')}</li>}
        {messages.map((message) => (
          <li key={message.messageId} class={message.toId ? 'message private' : 'message'}>
            <div class="message-head">
              <strong>{message.fromName}</strong>
              {message.toId && (
                <span class="hint">
                  {' · '}
                  {message.fromId === selfId
                    ? t('chat.privateTo', { name: nameOf(message.toId) })
                    : t('chat.privateFrom', { name: message.fromName })}
                </span>
              )}
              <time class="hint" dateTime={new Date(message.sentAtMs).toISOString()}>
                {' '}
                {formatDate(message.sentAtMs, { hour: '2-digit', minute: '2-digit' })}
              </time>
            </div>
            <p class="message-text">
              {linkify(message.text).map((part, index) =>
                part.kind === 'text' ? (
                  part.text
                ) : (
                  <a key={`${index}:${part.href}`} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
                    {part.href}
                  </a>
                ),
              )}
            </p>
          </li>
        ))}
      </ol>
      {locked ? (
        <p class="hint">{t('chat.locked')}</p>
      ) : (
        <form class="chat-form" onSubmit={submit}>
          <label for="chat-to">{t('chat.to')}</label>
          <select id="chat-to" value={to} onChange={(event) => setTo(event.currentTarget.value as ParticipantId | '')}>
            {canWriteToEveryone && <option value="">{t('chat.everyone')}</option>}
            {recipients.map((person) => (
              <option key={person.participantId} value={person.participantId}>
                {person.displayName}
              </option>
            ))}
          </select>
          <label for="chat-text">{t('chat.message')}</label>
          <textarea
            id="chat-text"
            rows={2}
            maxLength={limits.chatMessageCharactersMax}
            value={text}
            aria-describedby="chat-remaining"
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) submit(event);
            }}
          />
          <span id="chat-remaining" class="hint">
            {remaining < 200 ? t('chat.charactersLeft', { count: remaining }) : ''}
          </span>
          <button type="submit" class="primary">
            {t('chat.send')}
          </button>
        </form>
      )}
    </section>
  );
}
