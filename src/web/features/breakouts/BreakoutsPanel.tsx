/**
 * The breakout rooms' side panel. Before any are open, a moderator sets them up: how many, their
 * names, for how long, whether people may choose, and who goes where (by hand, one choice per
 * person, or shuffled). While they are open, everyone sees the rooms and who is in each; people go
 * to their room (or choose one, when allowed); moderators visit any room, move people, write to
 * every room at once and close them all.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BreakoutsView } from '../../../shared/breakout-protocol.js';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { ParticipantSummary } from '../../../shared/protocol.js';
import { Button } from '../../ui/index.js';
import type { BreakoutMessage, MeetingState } from '../meeting/meeting-controller.js';
import { type BreakoutForm, type BreakoutFormErrors, checkBreakoutForm, emptyBreakoutForm, shuffled, withRoomCount } from './breakouts.js';
import { t } from './messages.js';
import './breakouts.css';

export interface BreakoutsPanelProps {
  /** The main meeting's state (also while this page is in a breakout room). */
  state: MeetingState;
  send: (message: BreakoutMessage) => void;
}

const defaultName = (number: number) => t('breakouts.defaultName', { number });

export function BreakoutsPanel({ state, send }: BreakoutsPanelProps) {
  const people = [...(state.self ? [state.self] : []), ...state.remotes.map((remote) => remote.summary)];
  const isModerator = state.self?.role === 'moderator';
  if (!state.breakouts) return isModerator ? <SetUpForm people={people} send={send} /> : null;
  return <RunningBreakout breakouts={state.breakouts} state={state} people={people} isModerator={isModerator} send={send} />;
}

function SetUpForm({ people, send }: { people: ParticipantSummary[]; send: BreakoutsPanelProps['send'] }) {
  const [form, setForm] = useState<BreakoutForm>(() => emptyBreakoutForm(defaultName));
  const [errors, setErrors] = useState<BreakoutFormErrors | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const element = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (attempt > 0) element.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  const words = {
    nameMissing: t('breakouts.nameMissing'),
    nameTooLong: t('breakouts.nameTooLong'),
    minutesInvalid: t('breakouts.minutesInvalid', { max: limits.breakoutMinutesMax }),
  };
  const present = new Set(people.map((person) => person.participantId));
  const change = (next: BreakoutForm) => {
    setForm(next);
    // Once a submit was refused, the messages follow the typing.
    if (errors) {
      const checked = checkBreakoutForm(next, present, words);
      setErrors(checked.ok ? undefined : checked.errors);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const checked = checkBreakoutForm(form, present, words);
    if (checked.ok) return send(checked.message);
    setErrors(checked.errors);
    setAttempt((count) => count + 1);
  };
  // Moderators stay in the main room unless put in one: shuffling sends the others.
  const shufflable = people.filter((person) => person.role !== 'moderator').map((person) => person.participantId);
  return (
    <form ref={element} class="panel-body breakouts breakout-form" onSubmit={submit} noValidate>
      <h3>{t('breakouts.setUp')}</h3>
      <p class="hint">{t('breakouts.intro')}</p>
      <div class="breakout-numbers">
        <div class="field">
          <label for="breakout-count">{t('breakouts.count')}</label>
          <input
            id="breakout-count"
            type="number"
            min={limits.breakoutRoomsMin}
            max={limits.breakoutRoomsMax}
            value={form.names.length}
            onChange={(event) => change(withRoomCount(form, Number(event.currentTarget.value), defaultName))}
          />
        </div>
        <div class="field">
          <label for="breakout-minutes">{t('breakouts.minutes')}</label>
          <input
            id="breakout-minutes"
            type="number"
            min={1}
            max={limits.breakoutMinutesMax}
            value={form.minutes}
            aria-invalid={errors?.minutes ? 'true' : undefined}
            aria-describedby={errors?.minutes ? 'breakout-minutes-error' : undefined}
            onInput={(event) => change({ ...form, minutes: event.currentTarget.value })}
          />
          {errors?.minutes && (
            <p id="breakout-minutes-error" class="error">
              {errors.minutes}
            </p>
          )}
        </div>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={form.allowChoosing}
          onChange={(event) => change({ ...form, allowChoosing: event.currentTarget.checked })}
        />
        {t('breakouts.allowChoosing')}
      </label>
      <fieldset>
        <legend>{t('breakouts.names')}</legend>
        {form.names.map((name, index) => {
          const error = errors?.names[index];
          const id = `breakout-name-${index}`;
          return (
            <div class="field" key={id}>
              <label for={id} class="visually-hidden">
                {t('breakouts.nameLabel', { number: index + 1 })}
              </label>
              <input
                id={id}
                value={name}
                maxLength={limits.breakoutNameCharactersMax}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onInput={(event) =>
                  change({ ...form, names: form.names.map((old, at) => (at === index ? event.currentTarget.value : old)) })
                }
              />
              {error && (
                <p id={`${id}-error`} class="error">
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>{t('breakouts.who')}</legend>
        <div class="breakout-actions">
          <Button onClick={() => change(shuffled(form, shufflable))}>{t('breakouts.shuffle')}</Button>
          <Button variant="link" onClick={() => change({ ...form, rooms: {} })}>
            {t('breakouts.clear')}
          </Button>
        </div>
        <RoomChoices
          people={people}
          names={form.names}
          roomOf={(participantId) => form.rooms[participantId]}
          choose={(participantId, room) => change({ ...form, rooms: { ...form.rooms, [participantId]: room } })}
        />
      </fieldset>
      <Button variant="primary" type="submit">
        {t('breakouts.start')}
      </Button>
    </form>
  );
}

/** One choice of room (or the main room) per person. */
function RoomChoices({
  people,
  names,
  roomOf,
  choose,
}: {
  people: ParticipantSummary[];
  names: readonly string[];
  roomOf: (participantId: ParticipantId) => number | undefined;
  choose: (participantId: ParticipantId, room: number | undefined) => void;
}) {
  return (
    <ul class="breakout-people">
      {people.map((person) => {
        const id = `breakout-room-of-${person.participantId}`;
        return (
          <li key={person.participantId}>
            <label for={id}>{person.displayName}</label>
            <select
              id={id}
              aria-label={t('breakouts.roomOf', { name: person.displayName })}
              value={String(roomOf(person.participantId) ?? '')}
              onChange={(event) => {
                const value = event.currentTarget.value;
                choose(person.participantId, value === '' ? undefined : Number(value));
              }}
            >
              <RoomOptions names={names} />
            </select>
          </li>
        );
      })}
    </ul>
  );
}

function RunningBreakout({
  breakouts,
  state,
  people,
  isModerator,
  send,
}: {
  breakouts: BreakoutsView;
  state: MeetingState;
  people: ParticipantSummary[];
  isModerator: boolean;
  send: BreakoutsPanelProps['send'];
}) {
  const [text, setText] = useState('');
  const nameOf = (participantId: ParticipantId) => people.find((person) => person.participantId === participantId)?.displayName ?? '';
  const selfId = state.self?.participantId;
  const ownRoom = selfId === undefined ? -1 : breakouts.rooms.findIndex((room) => room.assigned.includes(selfId));
  const names = breakouts.rooms.map((room) => room.name);
  return (
    <div class="panel-body breakouts breakout-running">
      {!isModerator && (
        <p>
          {ownRoom >= 0
            ? t('breakouts.yourRoom', { name: names[ownRoom] ?? '' })
            : breakouts.allowChoosing
              ? t('breakouts.choose')
              : t('breakouts.notAssigned')}
        </p>
      )}
      {breakouts.rooms.map((room, index) => {
        const members = [...new Set([...room.assigned, ...room.present])];
        const here = state.breakout?.room === index;
        const mayGo = isModerator || index === ownRoom || breakouts.allowChoosing;
        return (
          <section class="breakout-room" key={`${index}-${room.name}`} aria-labelledby={`breakout-room-${index}`}>
            <h3 id={`breakout-room-${index}`}>{t('breakouts.roomHeading', { name: room.name, count: members.length })}</h3>
            {members.length === 0 ? (
              <p class="hint">{t('breakouts.nobody')}</p>
            ) : (
              <ul>
                {members.map((participantId) => (
                  <li key={participantId} data-present={room.present.includes(participantId) ? 'true' : undefined}>
                    {room.present.includes(participantId)
                      ? t('breakouts.here', { name: nameOf(participantId) })
                      : t('breakouts.away', { name: nameOf(participantId) })}
                  </li>
                ))}
              </ul>
            )}
            {here ? (
              <p class="hint">{t('breakouts.youAreHere')}</p>
            ) : (
              mayGo && (
                <Button onClick={() => send({ type: 'breakout-enter', room: index })}>
                  {isModerator && index !== ownRoom ? t('breakouts.visit', { name: room.name }) : t('breakouts.join', { name: room.name })}
                </Button>
              )
            )}
          </section>
        );
      })}
      {isModerator && (
        <>
          <h3>{t('breakouts.move')}</h3>
          <ul class="breakout-people">
            {people.map((person) => (
              <MoveRow key={person.participantId} person={person} names={names} breakouts={breakouts} send={send} />
            ))}
          </ul>
          <form
            class="breakout-broadcast-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (text.trim() === '') return;
              send({ type: 'breakout-broadcast', text });
              setText('');
            }}
          >
            <label for="breakout-broadcast">{t('breakouts.broadcast')}</label>
            <textarea
              id="breakout-broadcast"
              rows={2}
              maxLength={limits.breakoutBroadcastCharactersMax}
              value={text}
              onInput={(event) => setText(event.currentTarget.value)}
            />
            <Button type="submit">{t('breakouts.send')}</Button>
          </form>
          <Button variant="danger" onClick={() => send({ type: 'breakout-end' })}>
            {t('breakouts.end')}
          </Button>
        </>
      )}
    </div>
  );
}

/**
 * One person while the rooms are open: the room to send them to, chosen first and sent with the
 * button (a select that moved people as it changed would send them through every room on the way
 * when browsed with the arrow keys).
 */
function MoveRow({
  person,
  names,
  breakouts,
  send,
}: {
  person: ParticipantSummary;
  names: readonly string[];
  breakouts: BreakoutsView;
  send: BreakoutsPanelProps['send'];
}) {
  const current = breakouts.rooms.findIndex((room) => room.assigned.includes(person.participantId));
  const [chosen, setChosen] = useState(String(current >= 0 ? current : ''));
  // The rooms changed (someone else moved them): the choice follows.
  useEffect(() => setChosen(String(current >= 0 ? current : '')), [current]);
  const id = `breakout-move-${person.participantId}`;
  return (
    <li class="breakout-move">
      <label for={id}>{person.displayName}</label>
      <select
        id={id}
        aria-label={t('breakouts.roomOf', { name: person.displayName })}
        value={chosen}
        onChange={(event) => setChosen(event.currentTarget.value)}
      >
        <RoomOptions names={names} />
      </select>
      <Button
        disabled={chosen === String(current >= 0 ? current : '')}
        aria-label={t('breakouts.moveOne', { name: person.displayName })}
        onClick={() => send({ type: 'breakout-assign', participantId: person.participantId, room: chosen === '' ? null : Number(chosen) })}
      >
        {t('breakouts.moveButton')}
      </Button>
    </li>
  );
}

/** The choices of a person's room: the main room (value ''), then each breakout room by its place. */
function RoomOptions({ names }: { names: readonly string[] }) {
  return (
    <>
      <option value="">{t('breakouts.mainRoom')}</option>
      {names.map((name, index) => (
        <option key={`${index}-${name}`} value={String(index)}>
          {name}
        </option>
      ))}
    </>
  );
}
