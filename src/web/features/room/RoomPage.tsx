/** A room's page: looks the room up, then shows the pre-join screen and the meeting. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { RoomSchema, type RoomView } from '../../../shared/api.js';
import { RoomIdSchema } from '../../../shared/ids.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { appMessages } from '../../app/messages.js';
import { Link, usePageTitle, WithoutAppShell } from '../../ui/index.js';
import { MeetingView } from '../meeting/MeetingView.js';
import { type JoinChoice, PreJoin } from '../prejoin/PreJoin.js';
import { t } from './messages.js';

type Stage =
  | { kind: 'loading' }
  | { kind: 'not-found' }
  | { kind: 'failed'; reason: string }
  | { kind: 'pre-join'; room: RoomView }
  | { kind: 'meeting'; room: RoomView; choice: JoinChoice };

export function RoomPage({ roomId }: { roomId: string }) {
  const current = useSignal<Stage>({ kind: 'loading' });
  const setStage = (next: Stage) => {
    current.value = next;
  };

  useEffect(() => {
    if (!RoomIdSchema.safeParse(roomId).success) {
      setStage({ kind: 'not-found' });
      return;
    }
    callApi(RoomSchema, `/api/rooms/${encodeURIComponent(roomId)}`).then(
      (room) => {
        document.title = `${room.name} · ${appMessages.t('app.name')}`;
        setStage({ kind: 'pre-join', room });
      },
      (failure: unknown) => {
        if (failure instanceof ApiFailure && failure.status === 404) setStage({ kind: 'not-found' });
        else setStage({ kind: 'failed', reason: failure instanceof Error ? failure.message : String(failure) });
      },
    );
  }, [roomId]);

  const stage = current.value;
  switch (stage.kind) {
    case 'loading':
      return (
        <main class="page centered" aria-busy="true">
          <p class="status">{t('room.loading')}</p>
        </main>
      );
    case 'not-found':
      return <RoomNotFoundPage />;
    case 'failed':
      return (
        <main class="page centered">
          <h1 class="error sign-in-required" role="alert">
            {t('room.loadFailed', { reason: stage.reason })}
          </h1>
          <HomeLink />
        </main>
      );
    case 'pre-join':
      return <PreJoin room={stage.room} onJoin={(choice) => setStage({ kind: 'meeting', room: stage.room, choice })} />;
    case 'meeting':
      // The live meeting has its own header: the app's steps aside.
      return (
        <>
          <WithoutAppShell />
          <MeetingView room={stage.room} choice={stage.choice} onRejoin={() => setStage({ kind: 'pre-join', room: stage.room })} />
        </>
      );
  }
}

function HomeLink() {
  return (
    <Link href="/" class="button">
      {t('room.backHome')}
    </Link>
  );
}

/** Shown for an unknown room id (unknown addresses get the app's own page). */
function RoomNotFoundPage() {
  usePageTitle(t('room.notFoundTitle'));
  return (
    <main class="page centered not-found">
      <h1>{t('room.notFoundTitle')}</h1>
      <p>{t('room.notFoundBody')}</p>
      <HomeLink />
    </main>
  );
}
