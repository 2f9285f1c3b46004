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

/** The kind named in an argument's head after its name (`number`, `plural`, `select`, …), or '' for a plain `{name}`. */
type KindOf<Rest extends string> = Rest extends `${infer Kind},${string}` ? Trim<Kind> : Trim<Rest>;

/** The parameter an argument's head declares (`name`, `n, number`, `count, plural, one `), or nothing when it is not a name. */
type ArgumentOf<Head extends string> = Head extends `${infer Name},${infer Rest}`
  ? IsName<Trim<Name>> extends true
    ? { [K in Trim<Name>]: ArgumentValue<KindOf<Rest>> }
    : unknown
  : IsName<Trim<Head>> extends true
    ? { [K in Trim<Head>]: string | number }
    : unknown;

/** The first brace of `S`: which it is, the text before it and the text after it ('' when there is none). */
type FirstBrace<S extends string> = S extends `${infer Before}{${infer After}`
  ? Before extends `${infer BeforeClose}}${infer AfterClose}`
    ? ['}', BeforeClose, `${AfterClose}{${After}`]
    : ['{', Before, After]
  : S extends `${infer Before}}${infer After}`
    ? ['}', Before, After]
    : ['', S, ''];

/**
 * Reads a message brace by brace. `Stack` says where the reader is: `m` in message text (where `{`
 * opens an argument), `b` among the branches of a `plural` or `select` (where `{` opens a branch's
 * message, whose `{word}` is text, not a parameter). One step per brace, so long emails stay within
 * the type checker's recursion limit.
 */
type Scan<S extends string, Stack extends ('m' | 'b')[], Found> = Stack extends [...infer Outer extends ('m' | 'b')[], infer Top]
  ? FirstBrace<S> extends [infer Brace, string, infer Rest extends string]
    ? Top extends 'm'
      ? Brace extends '{'
        ? FirstBrace<Rest> extends [infer Closer, infer Head extends string, infer After extends string]
          ? Closer extends '}'
            ? Scan<After, Stack, Found & ArgumentOf<Head>>
            : Closer extends '{'
              ? Scan<After, [...Stack, 'b', 'm'], Found & ArgumentOf<Head>>
              : Found & ArgumentOf<Head>
          : Found
        : Brace extends '}'
          ? Scan<Rest, Outer, Found>
          : Found
      : Brace extends '{'
        ? Scan<Rest, [...Stack, 'm'], Found>
        : Brace extends '}'
          ? Scan<Rest, Outer, Found>
          : Found
    : Found
  : Found;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The parameters of `Message`, e.g. `{ count: number; name: string | number }`; `{}` when it has none. */
export type MessageParameters<Message extends string> = Simplify<Scan<Message, ['m'], unknown>>;

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
