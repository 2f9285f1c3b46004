/**
 * The meeting's header: the room's name (the page's one heading), how many are in, and "Copy
 * invite link" (the Clipboard API; the result is said in the meeting's toast, which screen
 * readers hear).
 */
import { signal } from '@preact/signals';
import { Link2 } from 'lucide-preact';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { RoomView } from '../../../shared/api.js';
import { t } from './messages.js';

/** The meeting's one short confirmation at a time; `undefined` when there is none. */
const toast = signal<{ text: string; shownMs: number } | undefined>(undefined);

/** Says `text` in the meeting's toast for `shownMs` (default 5 s). */
export function showMeetingToast(text: string, shownMs = 5_000): void {
  toast.value = { text, shownMs };
}

async function copyInvite(url: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(url);
    showMeetingToast(t('meeting.inviteCopied'));
  } catch {
    // Long enough to copy it by hand.
    showMeetingToast(t('meeting.inviteCopyFailed', { url }), 30_000);
  }
}

export function MeetingHeader({ room, count, encryption }: { room: RoomView; count: number; encryption?: ComponentChildren }) {
  return (
    <header class="meeting-bar">
      <h1 class="room-name">{room.name}</h1>
      <p class="count" aria-live="polite">
        {t('meeting.participants', { count })}
      </p>
      {encryption}
      <button type="button" class="invite" aria-label={t('meeting.copyInvite')} onClick={() => void copyInvite(room.url)}>
        <Link2 aria-hidden="true" size={18} />
        <span class="invite-label">{t('meeting.copyInvite')}</span>
      </button>
    </header>
  );
}

/** The live region the toast is read from: always on the page, so screen readers hear what appears in it. */
export function MeetingToast() {
  const shown = toast.value;
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => (toast.value = undefined), shown.shownMs);
    return () => clearTimeout(timer);
  }, [shown]);
  return (
    <div class="meeting-toast" role="status" aria-live="polite">
      {shown && <p>{shown.text}</p>}
    </div>
  );
}
