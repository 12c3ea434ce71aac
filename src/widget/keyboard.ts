/** @module Where the active option moves for a key, after the WAI-ARIA combobox pattern. */

/**
 * The next active option for `key`, or undefined when the key does not move it; -1 means none (the caret
 * is in the box). ↑/↓ wrap around; Home/End move within the list only once an option is active, so that
 * before that they still move the caret.
 * @example
 * moveActive("ArrowDown", -1, 3); // 0
 * moveActive("ArrowUp", 0, 3); // 2
 */
export function moveActive(key: string, active: number, count: number): number | undefined {
  if (count === 0) return undefined;
  if (key === "ArrowDown") return active >= count - 1 ? 0 : active + 1;
  if (key === "ArrowUp") return active <= 0 ? count - 1 : active - 1;
  if (active < 0) return undefined;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return undefined;
}
