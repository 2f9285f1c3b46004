import { HomePage } from '../features/home/HomePage.js';
import { NotFoundPage, RoomPage } from '../features/room/RoomPage.js';
import { SettingsPage } from '../features/room-settings/SettingsPage.js';
import { usePath } from './router.js';

/** Chooses the page from the address: `/` or `/r/<room id>`. */
export function App() {
  const path = usePath();
  if (path === '/') return <HomePage />;
  const settings = /^\/r\/([^/]+)\/settings\/?$/.exec(path);
  if (settings?.[1]) return <SettingsPage key={settings[1]} roomId={decodeURIComponent(settings[1])} />;
  const room = /^\/r\/([^/]+)\/?$/.exec(path);
  if (room?.[1]) return <RoomPage key={room[1]} roomId={decodeURIComponent(room[1])} />;
  return <NotFoundPage />;
}
