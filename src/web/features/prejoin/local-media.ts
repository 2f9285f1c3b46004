/** Opening the camera and microphone, and listing the devices to choose from. */

export interface DeviceChoice {
  cameraId: string | undefined;
  microphoneId: string | undefined;
}

/** Opens the chosen devices; on failure tries audio only, then gives up with the reason. */
export async function openLocalMedia(choice: DeviceChoice): Promise<{ stream: MediaStream } | { stream: undefined; reason: string }> {
  const video: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } };
  if (choice.cameraId) video.deviceId = { exact: choice.cameraId };
  const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true };
  if (choice.microphoneId) audio.deviceId = { exact: choice.microphoneId };
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio, video }) };
  } catch (error) {
    try {
      return { stream: await navigator.mediaDevices.getUserMedia({ audio }) };
    } catch {
      return { stream: undefined, reason: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** Cameras and microphones, once permission is granted (labels are empty before). */
export async function listDevices(): Promise<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: devices.filter((device) => device.kind === 'videoinput'),
    microphones: devices.filter((device) => device.kind === 'audioinput'),
  };
}

/** Stops every track of a stream. */
export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
