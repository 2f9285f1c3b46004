/** The keyboard shortcuts, listed in a dialog (the "?" key or "Keyboard shortcuts" in "More"). */
import { Modal } from '../../ui/Modal.js';
import { t } from './messages.js';
import { type ShortcutAction, shortcutKeys } from './shortcuts.js';

const descriptions: Record<ShortcutAction, () => string> = {
  microphone: () => t('shortcut.microphone'),
  camera: () => t('shortcut.camera'),
  chat: () => t('shortcut.chat'),
  people: () => t('shortcut.people'),
  hand: () => t('shortcut.hand'),
  help: () => t('shortcut.help'),
};

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const rows: [string, string][] = [
    ...(Object.keys(descriptions) as ShortcutAction[]).map((action): [string, string] => [shortcutKeys[action], descriptions[action]()]),
    ['Esc', t('shortcut.escape')],
  ];
  return (
    <Modal title={t('meeting.shortcuts')} closeLabel={t('meeting.close')} onClose={onClose} class="shortcut-help">
      <dl class="shortcut-list">
        {rows.map(([key, description]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{description}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">{t('shortcut.typing')}</p>
    </Modal>
  );
}
