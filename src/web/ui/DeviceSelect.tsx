/**
 * Choosing a device: a labelled list of cameras, microphones or speakers (unnamed ones numbered),
 * drawn only when there is something to choose. `SpeakerSelect` lists the audio outputs itself and
 * is drawn only where the browser can send a page's sound to a chosen device
 * (`HTMLMediaElement.setSinkId`). Imported by its own path (`ui/DeviceSelect.js`).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

/** Whether this browser can choose where a page's sound goes. */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Sends `element`'s sound to `speakerId` (the default output when undefined), where the browser can. */
export function routeSound(element: HTMLMediaElement, speakerId: string | undefined): void {
  if (!canChooseSpeaker()) return;
  const withSink = element as HTMLMediaElement & { setSinkId(id: string): Promise<void> };
  withSink.setSinkId(speakerId ?? '').catch(() => undefined);
}

export function SpeakerSelect(props: {
  id: string;
  label: string;
  /** The chosen output's `deviceId`; undefined for the system's default. */
  value: string | undefined;
  onChange: (speakerId: string) => void;
}) {
  const speakers = useSignal<MediaDeviceInfo[]>([]);
  useEffect(() => {
    if (!canChooseSpeaker()) return;
    const list = () =>
      void navigator.mediaDevices
        .enumerateDevices()
        .then((devices) => (speakers.value = devices.filter((device) => device.kind === 'audiooutput')))
        .catch(() => undefined);
    list();
    navigator.mediaDevices.addEventListener('devicechange', list);
    return () => navigator.mediaDevices.removeEventListener('devicechange', list);
  }, []);
  return <DeviceSelect {...props} devices={speakers.value} value={props.value ?? 'default'} />;
}

/** A labelled list of `devices`; nothing when there are none. */
export function DeviceSelect(props: {
  id: string;
  label: string;
  devices: MediaDeviceInfo[];
  value: string | undefined;
  onChange: (deviceId: string) => void;
}) {
  if (props.devices.length === 0) return null;
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        {props.devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${props.label} ${index + 1}`}
          </option>
        ))}
      </select>
    </>
  );
}
