/**
 * Text folded for searching and sorting the same way on every database engine: SQLite's
 * `lower()` and `LIKE` fold ASCII only, and the engines collate differently, so the folding is
 * done here, once, when the text is written, and the query is folded the same way.
 */

/** Lower case without accents or compatibility forms: "École", "ECOLE" and "ｅｃｏｌｅ" all become "ecole". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
}

/** The folded text of several fields, one per line (a search never matches across two fields). */
export function searchTextOf(...fields: string[]): string {
  return fields.map(foldForSearch).join('\n');
}
