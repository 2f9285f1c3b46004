/**
 * The parameters of an ICU message, read from its text by the type checker: `{name}` takes a
 * string or number, `{count, plural, …}` and `{n, number}` a number, `{d, date}` a Date or
 * epoch milliseconds, `{kind, select, …}` a string. So a call with a missing or misnamed
 * parameter does not compile, and a translation must use the same parameters as English.
 */

type Trim<S extends string> = S extends ` ${infer Rest}` ? Trim<Rest> : S extends `${infer Rest} ` ? Trim<Rest> : S;

/** An argument name: non-empty, no spaces, braces or `#` (those are literal text inside a plural). */
type IsName<N extends string> = N extends '' ? false : N extends `${string}${' ' | '#' | '{' | '}' | "'"}${string}` ? false : true;

/** The value an argument of `kind` takes. */
export type ArgumentValue<Kind extends string> = Kind extends 'plural' | 'selectordinal' | 'number'
  ? number
  : Kind extends 'date' | 'time'
    ? Date | number
    : Kind extends 'select'
      ? string
      : string | number;

type KindOf<Rest extends string> = Rest extends `${infer Kind},${string}`
  ? Kind extends `${string}}${string}`
    ? Rest extends `${infer Short}}${string}`
      ? Trim<Short>
      : Trim<Rest>
    : Trim<Kind>
  : Rest extends `${infer Kind}}${string}`
    ? Trim<Kind>
    : Trim<Rest>;

/** The argument that starts right after a `{`, or nothing when the brace opens literal text of a plural. */
type ArgumentAt<Piece extends string> = Piece extends `${infer Name},${infer Rest}`
  ? IsName<Trim<Name>> extends true
    ? { [K in Trim<Name>]: ArgumentValue<KindOf<Rest>> }
    : Piece extends `${infer Simple}}${string}`
      ? IsName<Trim<Simple>> extends true
        ? { [K in Trim<Simple>]: string | number }
        : unknown
      : unknown
  : Piece extends `${infer Simple}}${string}`
    ? IsName<Trim<Simple>> extends true
      ? { [K in Trim<Simple>]: string | number }
      : unknown
    : unknown;

type Collect<S extends string, Found> = S extends `${string}{${infer After}` ? Collect<After, Found & ArgumentAt<After>> : Found;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The parameters of `Message`, e.g. `{ count: number; name: string | number }`; `{}` when it has none. */
export type MessageParameters<Message extends string> = Simplify<Collect<Message, unknown>>;

/** The rest parameters of a call that formats `Message`: none when it has no parameters. */
export type ParametersArgument<Message extends string> = [keyof MessageParameters<Message>] extends [never]
  ? []
  : [parameters: MessageParameters<Message>];

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

/** True when `Translated` takes the same parameters as `Source`, and every value the source accepts. */
export type SameParameters<Source extends string, Translated extends string> =
  SameKeys<MessageParameters<Source>, MessageParameters<Translated>> extends true
    ? [MessageParameters<Source>] extends [MessageParameters<Translated>]
      ? true
      : false
    : false;

/**
 * What a translation of catalogue `Source` must be: every key, no other, each message with the
 * source's parameters. A message with other parameters gets the type of a sentence saying so.
 */
export type Translation<Source extends Record<string, string>, Translated = Source> = {
  readonly [K in keyof Source]: K extends keyof Translated
    ? Translated[K] extends string
      ? SameParameters<Source[K], Translated[K]> extends true
        ? string
        : `the parameters differ from English: ${Source[K]}`
      : string
    : string;
} & { readonly [K in Exclude<keyof Translated, keyof Source>]: never };
