/**
 * @module Reads the front matter of a Markdown file, as static-site generators write it (Jekyll, Hugo, Astro,
 * Eleventy): YAML between two `---` lines, or Hugo's TOML between two `+++` lines. A small, strict reader of the
 * part of YAML and TOML that front matter uses; whatever it does not understand is an error with its line, never text.
 */

/** What a front matter holds, or where and why it cannot be read. */
export type FrontMatter =
  | {
      ok: true;
      /** Its keys and values: strings, numbers, booleans, null, lists and maps, as a JSON record would hold them. */
      fields: Record<string, unknown>;
      /** The 1-based line of each top-level key. */
      lines: Record<string, number>;
      /** Each top-level scalar as written (`007`, not 7), quotes and escapes undone; null ones are left out. */
      texts: Record<string, string>;
      /** The text after the closing line. */
      body: string;
    }
  | { ok: false; line: number; reason: string };

/** A problem at a line of the front matter; thrown inside the readers, returned by `readFrontMatter`. */
class FrontMatterError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Splits the front matter off a Markdown file's text and reads it, or returns undefined when the text has none (its
 * first line is not `---` or `+++`). YAML front matter ends at a `---` (or `...`) line, TOML at a `+++` one.
 *
 * @example
 * readFrontMatter("---\ntitle: 'Cocoa: a review'\ntags: [ghana, cocoa]\n---\nBody.");
 * // { ok: true, fields: { title: "Cocoa: a review", tags: ["ghana", "cocoa"] }, lines: { title: 2, tags: 3 },
 * //   texts: { title: "Cocoa: a review" }, body: "Body." }
 * readFrontMatter("---\ntitle: Cocoa\nBody."); // { ok: false, line: 1, reason: "the front matter opened on line 1 is not closed: …" }
 * readFrontMatter("# Cocoa\nBody."); // undefined
 */
export function readFrontMatter(text: string): FrontMatter | undefined {
  const lines = text.split("\n");
  const opener = lines[0]?.trimEnd();
  if (opener !== "---" && opener !== "+++") return undefined;
  const toml = opener === "+++";
  const close = lines.findIndex((line, i) => i > 0 && (toml ? line.trimEnd() === "+++" : /^(?:---|\.\.\.)\s*$/.test(line)));
  if (close === -1) {
    return { ok: false, line: 1, reason: `the front matter opened on line 1 is not closed: end it with a line "${opener}"` };
  }
  const block = lines.slice(1, close);
  try {
    const read = toml ? readToml(block) : readYaml(block);
    return { ok: true, ...read, body: lines.slice(close + 1).join("\n") };
  } catch (error) {
    if (error instanceof FrontMatterError) return { ok: false, line: error.line, reason: error.reason };
    throw error;
  }
}

type Read = Omit<Extract<FrontMatter, { ok: true }>, "ok" | "body">;

/** An object with the given entries as own properties, `__proto__` included (as `JSON.parse` makes them). */
const record = <T>(entries: Iterable<[string, T]>): Record<string, T> => Object.fromEntries(entries);

/** Sets an own property, whatever its name (`obj.__proto__ = …` would set the prototype). */
function put(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A YAML 1.2 plain scalar typed by the core schema: null, booleans, numbers; anything else is a string. */
function plainValue(text: string): unknown {
  if (/^(?:~|null|Null|NULL)?$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(text)) {
    const number = Number(text);
    // A number JSON cannot carry exactly (a 20-digit id) stays the text it was.
    return Number.isSafeInteger(number) || !/^[-+]?[0-9]+$/.test(text) ? number : text;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// YAML: block mappings and sequences by indentation, plain, quoted and block (| >) scalars, flow lists of scalars.

interface YamlLine {
  /** 1-based line in the file. */
  n: number;
  indent: number;
  /** The line without its indentation and trailing spaces. */
  text: string;
  /** The line as written, for block scalars. */
  raw: string;
}

/** `key: value` or `key:`; a key is plain (no quotes, not starting with a YAML indicator) and ends at `: ` or the line's end. */
const KEY = /^([^\s#'"[\]{}&*!|>%@`,?:-][^\t]*?|-[^\s][^\t]*?)[ \t]*:(?:[ \t]+(.*))?$/;
/** A list item: `- value`, or a lone `-`. */
const isItem = (text: string): boolean => text === "-" || text.startsWith("- ");
/** A line that holds nothing: blank, or a comment. */
const isBlank = (line: YamlLine): boolean => line.text === "" || line.text.startsWith("#");

function readYaml(block: string[]): Read {
  const lines: YamlLine[] = block.map((raw, i) => {
    const indent = raw.length - raw.trimStart().length;
    const line = { n: i + 2, indent, text: raw.trim(), raw };
    if (!isBlank(line) && raw.slice(0, indent).includes("\t")) {
      throw new FrontMatterError(line.n, "a tab indents this line: YAML indents with spaces");
    }
    return line;
  });
  let at = 0;
  const next = (): YamlLine | undefined => {
    while (at < lines.length && isBlank(lines[at] as YamlLine)) at++;
    return lines[at];
  };
  const fail = (line: YamlLine, reason: string): never => {
    throw new FrontMatterError(line.n, reason);
  };

  /** A block node whose first line is at `indent`: a list when it starts with `- `, else a mapping. */
  const node = (indent: number): unknown => (isItem((next() as YamlLine).text) ? sequence(indent) : mapping(indent).value);

  const mapping = (indent: number): { value: Record<string, unknown>; lines: Record<string, number>; texts: Record<string, string> } => {
    const entries: [string, unknown][] = [];
    const keyLines = new Map<string, number>();
    const texts = new Map<string, string>();
    for (let line = next(); line && line.indent >= indent; line = next()) {
      if (line.indent > indent) fail(line, "this line is indented more than the key above it, which has a value on its line");
      if (isItem(line.text)) fail(line, 'a list item ("- …") where a "key: value" line was expected');
      const match = KEY.exec(line.text);
      if (!match) return fail(line, `a front matter line must be "key: value", not ${JSON.stringify(line.text.slice(0, 80))}`);
      const key = (match[1] as string).trim();
      const first = keyLines.get(key);
      if (first !== undefined) fail(line, `the key ${JSON.stringify(key)} is given twice (first on line ${first})`);
      keyLines.set(key, line.n);
      at++;
      const { value, text } = valueAfter(line, indent, (match[2] ?? "").trim());
      entries.push([key, value]);
      if (text !== undefined) texts.set(key, text);
    }
    return { value: record(entries), lines: record(keyLines), texts: record(texts) };
  };

  const sequence = (indent: number): unknown[] => {
    const items: unknown[] = [];
    for (let line = next(); line && line.indent === indent && isItem(line.text); line = next()) {
      const rest = line.text.slice(1).trimStart();
      if (rest !== "" && (isItem(rest) || KEY.test(rest))) {
        // `- name: x` starts a mapping (or `- - x` a list) inside the item, at the column of its first key.
        const column = indent + line.text.length - rest.length;
        lines[at] = { ...line, indent: column, text: rest };
        items.push(node(column));
        continue;
      }
      at++;
      items.push(valueAfter(line, indent, rest).value);
    }
    const after = next();
    if (after && after.indent > indent) fail(after, "this line is indented more than the list item above it");
    return items;
  };

  /** The value after `key:` or `- ` on `line`, whose key or dash sits at `indent`: inline, a block scalar, or a nested block. */
  const valueAfter = (line: YamlLine, indent: number, rest: string): { value: unknown; text?: string } => {
    if (rest === "" || rest.startsWith("#")) {
      const child = next();
      // A scalar may start on the next line, indented (`summary:` then the text).
      if (child && child.indent > indent && !isItem(child.text) && !KEY.test(child.text)) {
        at++;
        return valueAfter(child, indent, child.text);
      }
      if (child && child.indent > indent) return { value: node(child.indent) };
      // A list may sit at its key's own indentation (`tags:` then `- a`).
      if (child && child.indent === indent && isItem(child.text) && !isItem(line.text)) return { value: sequence(indent) };
      return { value: null };
    }
    const header = /^([|>])([-+]?)[ \t]*(?:#.*)?$/.exec(rest);
    if (header) return blockScalar(indent, header[1] === ">", header[2] as string);
    const first = rest[0] as string;
    if (first === '"' || first === "'") {
      const text = quoted(line, rest);
      return { value: text, text };
    }
    if (first === "[") return { value: flowList(line, indent, rest) };
    if (first === "{") fail(line, "a {…} map is not supported in front matter: write its keys on lines of their own, indented");
    if ("&*!".includes(first)) fail(line, "anchors, aliases and tags (&, *, !) are not supported in front matter");
    if ("@`%|>".includes(first)) fail(line, `a value cannot start with ${first}: quote it`);
    return plain(rest, indent);
  };

  /** A plain scalar, going on over lines indented more than `indent` (folded with spaces) until a comment ends it. */
  const plain = (first: string, indent: number): { value: unknown; text?: string } => {
    const parts = [stripComment(first)];
    let ended = parts[0] !== first;
    for (let more = next(); !ended && more && more.indent > indent; more = next()) {
      if (KEY.test(more.text) || more.text.endsWith(":")) fail(more, "a key indented under a key that already has a value");
      const part = stripComment(more.text);
      parts.push(part);
      ended = part !== more.text;
      at++;
    }
    const text = parts.join(" ");
    const value = plainValue(text);
    return { value, ...(value !== null && { text }) };
  };

  /** `|` keeps the line breaks, `>` folds lines into spaces; `-` drops the final line break, `+` keeps every one. */
  const blockScalar = (indent: number, folded: boolean, chomp: string): { value: string; text: string } => {
    const body: string[] = [];
    let inner = -1;
    while (at < lines.length) {
      const line = lines[at] as YamlLine;
      const blank = line.raw.trim() === "";
      if (!blank && line.indent <= indent) break;
      if (!blank && inner === -1) inner = line.indent;
      if (!blank && line.indent < inner) fail(line, "this line is indented less than the first line of its block");
      body.push(blank ? "" : line.raw.slice(inner).trimEnd());
      at++;
    }
    const trailing = body.length - (body.findLastIndex((l) => l !== "") + 1);
    const content = body.slice(0, body.length - trailing);
    let text = folded
      ? content.map((l, i) => (i === 0 ? l : l === "" ? "\n" : content[i - 1] === "" ? l : ` ${l}`)).join("")
      : content.join("\n");
    if (content.length > 0 && chomp === "") text += "\n";
    else if (chomp === "+") text += "\n".repeat(trailing + (content.length > 0 ? 1 : 0));
    return { value: text, text };
  };

  /** A quoted scalar on one line: `'…'` (`''` is a quote) or `"…"` (JSON's escapes), maybe followed by a comment. */
  const quoted = (line: YamlLine, rest: string): string => {
    if (rest[0] === "'") {
      const single = /^'((?:[^']|'')*)'[ \t]*(?:#.*)?$/.exec(rest);
      if (!single) return fail(line, "the quoted value is not closed on its line, or text follows its closing quote");
      return (single[1] as string).replaceAll("''", "'");
    }
    const double = /^"((?:[^"\\]|\\.)*)"[ \t]*(?:#.*)?$/.exec(rest);
    if (!double) return fail(line, "the quoted value is not closed on its line, or text follows its closing quote");
    try {
      return JSON.parse(`"${(double[1] as string).replaceAll("\t", "\\t")}"`) as string;
    } catch {
      return fail(line, 'the quoted value has an escape front matter does not support (\\", \\\\, \\n, \\t, \\uXXXX do)');
    }
  };

  /** `[a, "b c", 3]`: a list of scalars, maybe over several lines; nested lists and maps are not supported. */
  const flowList = (line: YamlLine, indent: number, rest: string): unknown[] => {
    let text = stripComment(rest);
    while (!text.endsWith("]")) {
      const more = next();
      if (!more || more.indent <= indent) return fail(line, "the [ list is not closed");
      text += ` ${stripComment(more.text)}`;
      at++;
    }
    const items: unknown[] = [];
    const inner = text.slice(1, -1);
    const item = /\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,"'[\]{}]*)\s*(,|$)/y;
    while (item.lastIndex < inner.length) {
      const start = item.lastIndex;
      const match = item.exec(inner);
      if (!match || match.index !== start || (match[0] === "" && start < inner.length)) {
        return fail(line, "a [ list may hold only plain or quoted values: nested lists and maps are not supported");
      }
      const value = match[1] as string;
      if (value === "" && match[2] === ",") fail(line, "the [ list has an empty item");
      if (value !== "") items.push(value[0] === '"' || value[0] === "'" ? quoted(line, value) : plainValue(value.trim()));
      if (match[2] === "") break;
    }
    return items;
  };

  const top = next();
  if (top === undefined) return { fields: {}, lines: {}, texts: {} };
  if (isItem(top.text)) fail(top, 'front matter must be "key: value" lines, not a list');
  const { value, lines: keyLines, texts } = mapping(top.indent);
  const left = next();
  if (left) fail(left, "this line is indented less than the first key of the front matter");
  return { fields: value, lines: keyLines, texts };
}

/** A plain value without its comment: YAML's comments start with ` #`. */
function stripComment(text: string): string {
  const hash = text.search(/[ \t]#/);
  return (hash === -1 ? text : text.slice(0, hash)).trimEnd();
}

// ---------------------------------------------------------------------------------------------------------------
// TOML: `key = value` lines, dotted keys, [table] and [[array of tables]] headers; strings, numbers, booleans,
// dates and times (kept as text), arrays and inline tables.

const BARE_KEY = /^[A-Za-z0-9_-]+/;
/** Dates and times (kept as written), then numbers, then booleans: the order matters, `2023-09-14` starts like 2023. */
const TOML_ATOM =
  /^(?:\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:[Zz]|[-+]\d{2}:\d{2})?|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?(?:inf|nan)|[-+]?[0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][-+]?[0-9_]+)?|true|false)/;

type Fail = (reason: string) => never;

function readToml(block: string[]): Read {
  const root: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  const texts = new Map<string, string>();
  let table = root;
  for (let i = 0; i < block.length; i++) {
    const n = i + 2;
    const fail: Fail = (reason) => {
      throw new FrontMatterError(n, reason);
    };
    let source = (block[i] as string).trim();
    if (source === "" || source.startsWith("#")) continue;
    const header = /^(\[\[?)\s*(.*?)\s*(\]\]?)\s*(?:#.*)?$/.exec(source);
    if (header && header[1]?.length === header[3]?.length) {
      const path = tomlKey(header[2] as string, fail).path;
      const last = path.pop();
      if (last === undefined) return fail("a table header needs a name");
      const parent = tableAt(root, path, fail);
      if (parent === root && !keyLines.has(last)) keyLines.set(last, n);
      if (header[1] === "[[") {
        if (!Object.hasOwn(parent, last)) put(parent, last, []);
        const list = parent[last];
        if (!Array.isArray(list)) return fail(`${JSON.stringify(last)} is already a value, not a list of tables`);
        table = {};
        list.push(table);
      } else table = tableAt(parent, [last], fail);
      continue;
    }
    const { path } = tomlKey(source, fail);
    // An array may go on over the next lines: read on until the value is whole.
    let value: TomlValue | undefined;
    for (;;) {
      const { rest } = tomlKey(source, fail);
      if (path.length === 0 || !rest.startsWith("="))
        fail(`a front matter line must be "key = value", not ${JSON.stringify(source.slice(0, 80))}`);
      value = tomlValue(rest.slice(1).trimStart(), fail, i + 1 < block.length);
      if (value !== undefined) break;
      source += `\n${block[++i]}`;
    }
    if (!/^\s*(?:#.*)?$/.test(value.rest)) fail(`text after the value: ${JSON.stringify(value.rest.trim().slice(0, 40))}`);
    if (table === root && !keyLines.has(path[0] as string)) keyLines.set(path[0] as string, n);
    const key = path.pop() as string;
    const target = tableAt(table, path, fail);
    if (Object.hasOwn(target, key)) fail(`the key ${JSON.stringify(key)} is given twice`);
    put(target, key, value.value);
    if (target === root && value.text !== undefined) texts.set(key, value.text);
  }
  return { fields: root, lines: record(keyLines), texts: record(texts) };
}

/** A dotted key (`a."b c".d`) at the start of `source`, and what follows it. */
function tomlKey(source: string, fail: Fail): { path: string[]; rest: string } {
  const path: string[] = [];
  let rest = source.trimStart();
  for (;;) {
    const bare = BARE_KEY.exec(rest);
    if (bare) {
      path.push(bare[0]);
      rest = rest.slice(bare[0].length);
    } else if (rest[0] === '"' || rest[0] === "'") {
      const string = tomlString(rest, fail);
      path.push(string.value);
      rest = string.rest;
    } else break;
    rest = rest.trimStart();
    if (!rest.startsWith(".")) break;
    rest = rest.slice(1).trimStart();
  }
  return { path, rest };
}

/** The table at `path` under `table` (the last table of a list of them), made when missing. */
function tableAt(table: Record<string, unknown>, path: string[], fail: Fail): Record<string, unknown> {
  let at = table;
  for (const key of path) {
    if (!Object.hasOwn(at, key)) put(at, key, {});
    let next = at[key];
    if (Array.isArray(next)) next = next.at(-1);
    if (typeof next !== "object" || next === null || Array.isArray(next))
      return fail(`${JSON.stringify(key)} is already a value, not a table`);
    at = next as Record<string, unknown>;
  }
  return at;
}

/** A one-line TOML string at the start of `source`: basic (`"…"`, JSON's escapes and `\UXXXXXXXX`) or literal (`'…'`). */
function tomlString(source: string, fail: Fail): { value: string; rest: string } {
  if (source.startsWith('"""') || source.startsWith("'''")) fail("multi-line strings are not supported in front matter");
  if (source[0] === "'") {
    const end = source.indexOf("'", 1);
    if (end === -1) fail("the quoted value is not closed on its line");
    return { value: source.slice(1, end), rest: source.slice(end + 1) };
  }
  const match = /^"((?:[^"\\\n]|\\.)*)"/.exec(source);
  if (!match) return fail("the quoted value is not closed on its line");
  const escaped = (match[1] as string).replace(/\\U([0-9a-fA-F]{8})/g, (whole, hex: string) => {
    const code = Number.parseInt(hex, 16);
    return code <= 0x10ffff ? JSON.stringify(String.fromCodePoint(code)).slice(1, -1) : whole;
  });
  try {
    return { value: JSON.parse(`"${escaped.replaceAll("\t", "\\t")}"`) as string, rest: source.slice(match[0].length) };
  } catch {
    return fail('the quoted value has an escape front matter does not support (\\", \\\\, \\n, \\t, \\uXXXX do)');
  }
}

interface TomlValue {
  value: unknown;
  /** A scalar as written. */
  text?: string;
  /** What follows the value. */
  rest: string;
}

/** Comments and line breaks between an array's items. */
const GAP = /^(?:\s|#[^\n]*)*/;

/**
 * A TOML value at the start of `source` and what follows it; undefined when an array is not closed yet and `more`
 * lines may close it.
 */
function tomlValue(source: string, fail: Fail, more: boolean): TomlValue | undefined {
  if (source[0] === '"' || source[0] === "'") {
    const { value, rest } = tomlString(source, fail);
    return { value, text: value, rest };
  }
  if (source[0] === "[") {
    const items: unknown[] = [];
    let rest = source.slice(1).replace(GAP, "");
    while (rest[0] !== "]") {
      if (rest === "") return more ? undefined : fail("the [ array is not closed");
      const item = tomlValue(rest, fail, more);
      if (item === undefined) return undefined;
      items.push(item.value);
      rest = item.rest.replace(GAP, "");
      if (rest[0] === ",") rest = rest.slice(1).replace(GAP, "");
      else if (rest === "") return more ? undefined : fail("the [ array is not closed");
      else if (rest[0] !== "]") fail("a , or ] is missing in the array");
    }
    return { value: items, rest: rest.slice(1) };
  }
  if (source[0] === "{") {
    const entries: [string, unknown][] = [];
    let rest = source.slice(1).trimStart();
    while (rest[0] !== "}") {
      const key = tomlKey(rest, fail);
      if (key.path.length !== 1 || !key.rest.startsWith("=")) fail('an inline table holds "key = value" pairs on one line');
      const item = tomlValue(key.rest.slice(1).trimStart(), fail, false) as TomlValue;
      entries.push([key.path[0] as string, item.value]);
      rest = item.rest.trimStart();
      if (rest[0] === ",") rest = rest.slice(1).trimStart();
      else if (rest[0] !== "}") fail("a , or } is missing in the inline table");
    }
    return { value: record(entries), rest: rest.slice(1) };
  }
  const atom = TOML_ATOM.exec(source);
  if (!atom) return fail(`not a TOML value: ${JSON.stringify(source.slice(0, 40))} (quote a string)`);
  const text = atom[0];
  const rest = source.slice(text.length);
  if (text === "true" || text === "false") return { value: text === "true", text, rest };
  // Dates and times stay as written, and so do numbers JSON cannot hold exactly (inf, nan, a 20-digit id).
  const digits = text.replaceAll("_", "");
  const number = /^(?:[-+]?[0-9]+(?:[.eE]|$)|0[xob])/.test(digits) && !/^\d{4}-|^\d{2}:/.test(digits) ? Number(digits) : Number.NaN;
  const exact = Number.isFinite(number) && (Number.isSafeInteger(number) || /[.eE]/.test(digits));
  return { value: exact ? number : text, text, rest };
}
