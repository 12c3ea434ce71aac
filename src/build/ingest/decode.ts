/** @module Turns a file's bytes into text, refusing binary files and invalid UTF-8 with the line where it goes wrong. */

/** How many leading bytes are looked at for NUL bytes, the way Git and grep tell binary from text. */
const SNIFF_BYTES = 8 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; code: "binary_file" | "invalid_utf8"; line?: number; reason: string };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Decodes a whole text file: a UTF-8 BOM is removed and CRLF (or a lone CR) becomes LF.
 *
 * @example
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0x0d, 0x0a])); // { ok: true, text: "hi\n" }
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const head = bytes.subarray(0, SNIFF_BYTES);
  const nul = head.indexOf(0);
  if (nul !== -1) {
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    const hint = utf16 ? "it looks like UTF-16: save it as UTF-8" : `it has a NUL byte at offset ${nul}`;
    return { ok: false, code: "binary_file", reason: `binary file, not text (${hint})` };
  }
  try {
    return { ok: true, text: normalizeNewlines(decoder.decode(bytes)) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = lineAt(bytes, offset);
    return { ok: false, code: "invalid_utf8", line, reason: `invalid UTF-8 at byte ${offset}: save the file as UTF-8` };
  }
}

/** CRLF and lone CR become LF, so every reader sees one kind of line ending. */
export function normalizeNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/** The 1-based line holding a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The offset of the first byte that breaks UTF-8 (TextDecoder only says that one does), or the length when none does.
 * Follows the well-formed byte sequences of Unicode table 3-7: no overlongs, no surrogates, nothing above U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
