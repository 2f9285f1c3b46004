/** A short way to write a catalogue column. */
import type { ColumnEntry } from '../catalogue-types.js';

/** A column entry: what it holds, why it is kept, and whether it is personal data. */
export function column(what: string, why: string, personal: boolean): ColumnEntry {
  return { what, why, personal };
}
