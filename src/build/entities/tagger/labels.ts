/** @module The tagger's labels (BILOU over PER, ORG, LOC and MISC) and the transitions between them that make a well-formed span. */

/** The CoNLL types the tagger learns; MISC is learnt so that it is not confused with the others, and never reported. */
export const TYPES = ["PER", "ORG", "LOC", "MISC"] as const;
export type TagType = (typeof TYPES)[number];
const PARTS = ["B", "I", "L", "U"] as const;

/** "O", then B-, I-, L-, U- of each type: 17 labels. */
export const LABELS: readonly string[] = ["O", ...TYPES.flatMap((type) => PARTS.map((part) => `${part}-${type}`))];
export const LABEL_COUNT = LABELS.length;

/**
 * The part of a label: "B", "I", "L", "U" or "O".
 * @example
 * partOf(labelOf("L", 2)); // "L"
 */
export const partOf = (label: number): string => (label === 0 ? "O" : (PARTS[(label - 1) % 4] as string));
/**
 * The type index of a label (-1 for "O").
 * @example
 * typeOf(labelOf("L", 2)); // 2 (LOC)
 */
export const typeOf = (label: number): number => (label === 0 ? -1 : Math.floor((label - 1) / 4));
/**
 * The label of a part and a type index.
 * @example
 * LABELS[labelOf("U", 1)]; // "U-ORG"
 */
export const labelOf = (part: "B" | "I" | "L" | "U", type: number): number => 1 + type * 4 + PARTS.indexOf(part);

/**
 * Whether label `to` may follow label `from` (`from` = LABEL_COUNT at the start of a sentence): inside a span
 * (after B or I) only I or L of the same type, outside it only O, B or U.
 * @example
 * allowed(labelOf("B", 0), labelOf("L", 0)); // true
 * allowed(labelOf("B", 0), 0); // false
 */
export function allowed(from: number, to: number): boolean {
  const open = from < LABEL_COUNT && (partOf(from) === "B" || partOf(from) === "I");
  if (open) return typeOf(to) === typeOf(from) && (partOf(to) === "I" || partOf(to) === "L");
  return to === 0 || partOf(to) === "B" || partOf(to) === "U";
}

/**
 * Whether a sentence may end on a label: not inside an open span.
 * @example
 * mayEnd(labelOf("B", 0)); // false: a name left open
 */
export const mayEnd = (label: number): boolean => partOf(label) !== "B" && partOf(label) !== "I";

/**
 * BILOU labels for spans over `length` words.
 * @example
 * encodeSpans(3, [{ from: 0, to: 2, type: 0 }]).map((l) => LABELS[l]); // ["B-PER", "L-PER", "O"]
 */
export function encodeSpans(length: number, spans: readonly { from: number; to: number; type: number }[]): number[] {
  const labels = new Array<number>(length).fill(0);
  for (const { from, to, type } of spans) {
    if (to - from === 1) labels[from] = labelOf("U", type);
    else for (let i = from; i < to; i++) labels[i] = labelOf(i === from ? "B" : i === to - 1 ? "L" : "I", type);
  }
  return labels;
}

/**
 * The spans a label sequence spells (word indices, `to` exclusive).
 * @example
 * decodeSpans([labelOf("B", 2), labelOf("L", 2), 0]); // [{ from: 0, to: 2, type: 2 }]
 */
export function decodeSpans(labels: readonly number[]): { from: number; to: number; type: number }[] {
  const spans: { from: number; to: number; type: number }[] = [];
  let open = -1;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    const part = partOf(label);
    if (part === "U") spans.push({ from: i, to: i + 1, type: typeOf(label) });
    else if (part === "B") open = i;
    else if (part === "L" && open >= 0) {
      spans.push({ from: open, to: i + 1, type: typeOf(label) });
      open = -1;
    } else if (part === "O") open = -1;
  }
  return spans;
}
