import { describe, expect, it } from "vitest";
import { HEAP_PER_INPUT_BYTE, heapPlan, MEMORY_SHARE } from "../scripts/shared/heap";

const GB = 1e9;

describe("heapPlan: the heap a build of so much input needs", () => {
  it("keeps Node's limit when the input fits it", () => {
    expect(heapPlan(20e6, 4.3 * GB, 24 * GB)).toEqual({ raise: false });
    expect(heapPlan((4.3 * GB) / HEAP_PER_INPUT_BYTE, 4.3 * GB, 24 * GB)).toEqual({ raise: false });
  });

  it("raises it to what the input needs, within the machine's memory", () => {
    expect(heapPlan(200e6, 4.3 * GB, 24 * GB)).toEqual({
      raise: true,
      megabytes: Math.floor((200e6 * HEAP_PER_INPUT_BYTE) / 2 ** 20),
      short: false,
    });
    // A million articles need more than the machine has: most of it, said to be short.
    expect(heapPlan(1e9, 4.3 * GB, 24 * GB)).toEqual({
      raise: true,
      megabytes: Math.floor((24 * GB * MEMORY_SHARE) / 2 ** 20),
      short: true,
    });
  });

  it("never lowers a limit set larger by hand, nor raises it past the machine", () => {
    expect(heapPlan(200e6, 20 * GB, 24 * GB)).toEqual({ raise: false });
    expect(heapPlan(200e6, 4.3 * GB, 4 * GB)).toEqual({ raise: false });
  });
});
