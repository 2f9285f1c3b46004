/** What this browser remembers: a random client id, and moderator codes of rooms it created. */

const clientIdKey = 'plenary.clientId';
const moderatorCodesKey = 'plenary.moderatorCodes';

/** A stable random id of this browser (used to keep a meeting ban). */
export function clientId(): string {
  let id = localStorage.getItem(clientIdKey);
  if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    id = btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replaceAll('=', '');
    localStorage.setItem(clientIdKey, id);
  }
  return id;
}

function readCodes(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(moderatorCodesKey) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The moderator code this browser keeps for `roomId`, if any. */
export function moderatorCodeFor(roomId: string): string | undefined {
  const code = readCodes()[roomId];
  return typeof code === 'string' ? code : undefined;
}

/** Remembers the moderator code of a room (its creator's, or one entered). */
export function rememberModeratorCode(roomId: string, code: string): void {
  localStorage.setItem(moderatorCodesKey, JSON.stringify({ ...readCodes(), [roomId]: code }));
}
