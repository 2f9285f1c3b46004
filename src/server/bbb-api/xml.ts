/**
 * The BigBlueButton API's answers: `<response>` with `returncode` first, the call's elements,
 * then `messageKey` and `message` when there is a note or a failure, as the API reference shows.
 * Written with fast-xml-parser's builder, which escapes every text; element names come from this
 * domain or from metadata and user data names checked against `metadataNamePattern` and
 * `userDataNamePattern`.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { BbbFailure, BbbNote } from './messages.js';

/** An element's content: text, or child elements by name (an array repeats the element). */
export type XmlContent = string | number | boolean | XmlElements;
/** Child elements in document order. */
export type XmlElements = { [name: string]: XmlContent | XmlContent[] };

const builder = new XMLBuilder({ processEntities: true, suppressEmptyNode: false });

function document(elements: XmlElements): string {
  return builder.build({ response: elements }) as string;
}

/** `<response><returncode>SUCCESS</returncode>…</response>`, with the note's key and message last. */
export function successXml(elements: XmlElements = {}, note?: BbbNote): string {
  return document({
    returncode: 'SUCCESS',
    ...elements,
    ...(note ? { messageKey: note.key, message: note.message } : {}),
  });
}

/** `<response><returncode>FAILED</returncode><messageKey>…</messageKey><message>…</message></response>`. */
export function failedXml(failure: BbbFailure): string {
  return document({ returncode: 'FAILED', messageKey: failure.code, message: failure.message });
}

/** Names metadata may have after `meta_` (lower-cased): XML names starting with a letter, without a colon, so they can be elements. */
export const metadataNamePattern = /^[a-z][a-z0-9_.-]*$/;

/** Names `userdata-*` parameters may have after the prefix (case kept): XML names starting with a letter, without a colon. */
export const userDataNamePattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant the way BigBlueButton writes `createDate` (Java's `Date.toString()` in UTC): `Mon Jul 09 17:03:29 UTC 2018`. */
export function createDateText(ms: number): string {
  const date = new Date(ms);
  const two = (value: number) => String(value).padStart(2, '0');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${weekdays[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${two(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}
