/**
 * Toasts: short results of an action ("Saved", "Invitation sent") shown in a corner for a few
 * seconds and read out by screen readers from one polite live region (`role="status"`) that is
 * always on the page (`<Toasts />`, drawn once by the App). A toast stays while the pointer is
 * over it or the focus is in it, and has a button to dismiss it at once. Failures are not toasts:
 * they stay beside the form that failed (`ErrorLine`).
 */
import { signal } from '@preact/signals';
import { CircleCheck, Info, X } from 'lucide-preact';
import { useEffect, useRef } from 'preact/hooks';
import { appMessages } from '../app/messages.js';

/** `success` (the default) for something done, `info` for something to know. */
export type ToastTone = 'success' | 'info';

interface ToastEntry {
  id: number;
  text: string;
  tone: ToastTone;
}

/** How long a toast stays when nobody points at it or focuses it. */
export const toastShownMs = 6000;
/** The most toasts shown at once; an older one leaves for a newer. */
const toastsShownMax = 3;

const toasts = signal<readonly ToastEntry[]>([]);
let nextId = 1;

/** Shows `text` as a toast (and says it to screen readers). */
export function showToast(text: string, tone: ToastTone = 'success'): void {
  toasts.value = [...toasts.value, { id: nextId++, text, tone }].slice(-toastsShownMax);
}

function dismiss(id: number): void {
  toasts.value = toasts.value.filter((toast) => toast.id !== id);
}

/** The live region and its toasts; the App draws it once, on every page. */
export function Toasts() {
  return (
    <section class="toasts" role="status" aria-live="polite" aria-label={appMessages.t('toast.region')}>
      {toasts.value.map((toast) => (
        <Toast key={toast.id} toast={toast} />
      ))}
    </section>
  );
}

/** One toast: it leaves after `toastShownMs`, counted again from when the pointer and the focus leave it. */
function Toast({ toast }: { toast: ToastEntry }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wait = () => {
      clearTimeout(timer);
      timer = setTimeout(() => dismiss(toast.id), toastShownMs);
    };
    const hold = () => clearTimeout(timer);
    const node = element.current;
    const listeners = { mouseenter: hold, focusin: hold, mouseleave: wait, focusout: wait };
    for (const [type, listener] of Object.entries(listeners)) node?.addEventListener(type, listener);
    wait();
    return () => {
      hold();
      for (const [type, listener] of Object.entries(listeners)) node?.removeEventListener(type, listener);
    };
  }, [toast.id]);
  const Icon = toast.tone === 'success' ? CircleCheck : Info;
  return (
    <div ref={element} class={`toast ${toast.tone}`}>
      <Icon size={20} class="toast-icon" />
      <p>{toast.text}</p>
      <button type="button" class="toast-dismiss" aria-label={appMessages.t('toast.dismiss')} onClick={() => dismiss(toast.id)}>
        <X size={18} />
      </button>
    </div>
  );
}
