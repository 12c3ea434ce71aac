/**
 * @module The values of a bundle as the build makes them, by key part: kept in memory, or, for a large archive,
 * written to a spool file as they come, with only each one's hash, size and place kept (a million articles make
 * gigabytes of values, a third of the build's heap at its peak).
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** Where a spooled value is: its key part, its offset in the spool file and its length in bytes. */
export type SpoolPlace = [name: string, offset: number, length: number];

/** Values written to a spool file: the bundle's parts, by name (sorted), and the version they belong to. */
export interface SpooledValues {
  file: string;
  version: string;
  places: SpoolPlace[];
}

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/**
 * The parts a build makes. The same parts give the same names, hashes and sizes whether spooled or not.
 * @example
 * const parts = new Parts("/tmp/build.spool"); // or new Parts() to keep them in memory
 * parts.set("term/0", "{}");
 * parts.names(); // ["term/0"]
 */
export class Parts {
  private readonly memory = new Map<string, string>();
  private readonly spooled = new Map<string, { hash: string; offset: number; length: number }>();
  private fd: number | undefined;
  private end = 0;

  constructor(readonly spool?: string) {
    if (spool === undefined) return;
    mkdirSync(dirname(spool), { recursive: true });
    this.fd = openSync(spool, "w");
  }

  set(name: string, value: string): void {
    if (this.spool === undefined) {
      this.memory.set(name, value);
      return;
    }
    if (this.fd === undefined) throw new Error(`${this.spool}: the spool is closed`);
    const bytes = Buffer.from(value, "utf8");
    for (let written = 0; written < bytes.length; )
      written += writeSync(this.fd, bytes, written, bytes.length - written, this.end + written);
    this.spooled.set(name, { hash: sha256(bytes), offset: this.end, length: bytes.length });
    this.end += bytes.length;
  }

  /** Every part's name, sorted. */
  names(): string[] {
    return [...(this.spool === undefined ? this.memory.keys() : this.spooled.keys())].sort();
  }

  /** SHA-256 (hex) of a part's UTF-8 bytes. */
  hash(name: string): string {
    return this.spooled.get(name)?.hash ?? sha256(this.memory.get(name) ?? "");
  }

  /** A part's length in UTF-8 bytes. */
  size(name: string): number {
    return this.spooled.get(name)?.length ?? Buffer.byteLength(this.memory.get(name) ?? "", "utf8");
  }

  /** A part kept in memory (undefined when spooled). */
  value(name: string): string | undefined {
    return this.memory.get(name);
  }

  /** Closes the spool for writing and says where each part is, for `version`; undefined when kept in memory. */
  finish(version: string): SpooledValues | undefined {
    if (this.spool === undefined) return undefined;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const places = [...this.spooled].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([name, p]): SpoolPlace => [name, p.offset, p.length]);
    return { file: this.spool, version, places };
  }
}

/**
 * Reads the spooled values back, by name, one at a time.
 * @example
 * for (const [name, value] of readSpool(spooled)) console.log(name, value.length);
 */
export function* readSpool(spooled: SpooledValues): Generator<[string, string]> {
  const fd = openSync(spooled.file, "r");
  try {
    for (const [name, offset, length] of spooled.places) {
      const bytes = Buffer.alloc(length);
      for (let read = 0; read < length; ) {
        const n = readSync(fd, bytes, read, length - read, offset + read);
        if (n === 0) throw new Error(`${spooled.file}: ends before value ${name}`);
        read += n;
      }
      yield [name, bytes.toString("utf8")];
    }
  } finally {
    closeSync(fd);
  }
}
