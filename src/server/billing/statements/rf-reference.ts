/**
 * Finding an ISO 11649 creditor reference in free remittance text, where payers write it whole or
 * spaced in groups of four, in any case, amid other words. Validation is billing's own
 * (`../creditor-reference.ts`): a candidate whose check digits fail is never taken.
 */
import { isCreditorReference } from '../creditor-reference.js';

/** The longest reference, in characters: `RF`, two check digits and a body of up to 21. */
const referenceCharactersMax = 25;

/**
 * The first valid creditor reference in `text`, normalised (upper case, no spaces), else null.
 * It is found written whole (`RF18539007547034`, `ref:rf18539007547034`) or in groups of four
 * (`RF18 5390 0754 7034`); when groups are followed by a short word, the longest valid reading wins.
 */
export function findCreditorReference(text: string): string | null {
  const tokens = text
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((token) => token.length > 0);
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? '';
    if (!/^RF\d{2}/.test(token)) continue;
    const found = token.length > 4 ? validOrNull(token) : longestValidGrouping(tokens, index);
    if (found !== null) return found;
  }
  return null;
}

function validOrNull(candidate: string): string | null {
  return isCreditorReference(candidate) ? candidate : null;
}

/** From `RF18` at `start`, joins the groups of four that follow (the last may be shorter), longest valid first. */
function longestValidGrouping(tokens: readonly string[], start: number): string | null {
  const groups: string[] = [tokens[start] ?? ''];
  let length = groups[0]?.length ?? 0;
  for (let index = start + 1; index < tokens.length; index += 1) {
    const group = tokens[index] ?? '';
    if (group.length > 4 || length + group.length > referenceCharactersMax) break;
    groups.push(group);
    length += group.length;
    if (group.length < 4) break;
  }
  for (let count = groups.length; count >= 2; count -= 1) {
    const found = validOrNull(groups.slice(0, count).join(''));
    if (found !== null) return found;
  }
  return null;
}
