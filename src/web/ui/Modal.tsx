/**
 * A modal dialog on the browser's own `<dialog>` (`showModal()`): the page behind is inert, focus
 * moves in and, when it closes, back to where it was. It closes on Escape, on a click on the
 * backdrop and with its close button; the owner decides (`onClose`) and stops rendering it.
 * Imported by its own path (`ui/Modal.js`), like ConfirmForm.
 */
import { X } from 'lucide-preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import './modal.css';

export function Modal(props: {
  /** The dialog's heading and accessible name. */
  title: string;
  /** The close button's accessible name, in the page's language. */
  closeLabel: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Added to the `<dialog>`'s class. */
  class?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    if (!element.open) element.showModal();
    return () => {
      if (element.open) element.close();
      opener?.focus();
    };
  }, []);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes the dialog natively (its cancel event); the click only catches the backdrop.
    <dialog
      ref={dialog}
      class={['modal', props.class].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself, outside its content box.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div class="modal-content">
        <div class="modal-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" aria-label={props.closeLabel} onClick={onClose}>
            <X aria-hidden="true" size={20} />
          </button>
        </div>
        {props.children}
      </div>
    </dialog>
  );
}
