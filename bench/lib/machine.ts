/** @module The machine a figure was measured on, recorded beside it. */
import { cpus, totalmem } from "node:os";

export interface Machine {
  node: string;
  cores: number;
  cpu: string;
  memoryGb: number;
  platform: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    node: process.version,
    cores: list.length,
    cpu: list[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    platform: `${process.platform}-${process.arch}`,
  };
}
