/** Reading the loosely typed tree fast-xml-parser returns, without `any`: children, text and attributes. */

/** An element as fast-xml-parser gives it: child elements by name, `@_` attributes and `#text`. */
type XmlElement = Record<string, unknown>;

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every element named `name` under `node` (an element repeated or not, always as a list). */
export function childrenOf(node: unknown, name: string): unknown[] {
  if (!isElement(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first element at `path` under `node`, else undefined. */
export function childAt(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const name of path) {
    current = childrenOf(current, name)[0];
    if (current === undefined) return undefined;
  }
  return current;
}

/** The text of an element (entities of XML decoded), else null; an element with only children has none. */
export function textOf(element: unknown): string | null {
  if (typeof element === 'string') return decodeXmlEntities(element);
  if (isElement(element) && typeof element['#text'] === 'string') return decodeXmlEntities(element['#text']);
  return null;
}

/** The text of the element at `path` under `node`, else null. */
export function textAt(node: unknown, ...path: string[]): string | null {
  return textOf(childAt(node, ...path));
}

/** The texts of every element named `name` under `node`. */
export function textsOf(node: unknown, name: string): string[] {
  return childrenOf(node, name).flatMap((element) => {
    const text = textOf(element);
    return text === null ? [] : [text];
  });
}

/** The attribute `name` of the element at `path`, else null. */
export function attributeAt(node: unknown, name: string, ...path: string[]): string | null {
  const element = childAt(node, ...path);
  if (!isElement(element)) return null;
  const value = element[`@_${name}`];
  return typeof value === 'string' ? decodeXmlEntities(value) : null;
}

const predefinedEntities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes XML's five predefined entities and character references; the parser is told to leave
 * entities alone so that no declared entity can ever expand. Anything else is left as written.
 */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (whole, name: string) => {
    if (!name.startsWith('#')) return predefinedEntities[name] ?? whole;
    const codePoint = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
  });
}
