/**
 * @module Tail chunks: the postings of a long list past its head, in document order, `[[slot, documents], ...]`; the
 * term shard refers to each as `[chunk number, first document, last document]`. Read only when a query needs them.
 */
import { AppError } from "../../errors";
import { RESOLUTION } from "../flex-config";
import { type Codec, isNumbers, jsonCodec } from "./codec";

/** Postings as stored: only the slots that hold documents, `[slot, documentNumbers]`. */
export type SparsePostings = [number, number[]][];
/** A tail chunk of a term's postings: `[chunk number, first document, last document]`, documents in order. */
export type TailRef = [number, number, number];

export const isSparse = (value: unknown): value is SparsePostings =>
  Array.isArray(value) && value.every((p) => Array.isArray(p) && typeof p[0] === "number" && isNumbers(p[1]));

export const tailCodec: Codec<SparsePostings, "tail"> = jsonCodec<SparsePostings, "tail">("tail", 1.5, (raw) => {
  if (!isSparse(raw)) throw new Error("not postings");
});

/**
 * Refuses a tail chunk that is not what its reference in the term shard says: a slot outside the index's, or a
 * document outside the range `[first, last]` the reference gives (a key overwritten by another chunk or another
 * version). Read as it is, it would rank documents the term is not in.
 * @example
 * checkChunk([[2, [40, 41]]], [7, 40, 41]); // fine
 * checkChunk([[2, [99]]], [7, 40, 41]); // throws bundle_key_corrupt
 */
export function checkChunk(chunk: SparsePostings, [n, first, last]: TailRef): void {
  for (const [slot, ids] of chunk) {
    const fine =
      Number.isInteger(slot) && slot >= 0 && slot < RESOLUTION && ids.every((d) => Number.isInteger(d) && d >= first && d <= last);
    if (!fine) throw new AppError("bundle_key_corrupt", `Tail chunk ${n} holds postings outside the range its term shard gives.`);
  }
}
