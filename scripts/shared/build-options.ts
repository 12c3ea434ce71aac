/** @module The build's options as `npm run build` and `npm run deploy` both take them, and what they mean to the pipeline. */
import { DEFAULT_CACHE_DIR } from "../../src/build/entities/cache";
import type { PipelineOptions } from "../../src/build/pipeline";

/** `parseArgs` options of the entity and facet steps, the same in both commands. */
export const entityOptions = {
  "no-entities": { type: "boolean", default: false },
  registry: { type: "string" },
  facet: { type: "string", multiple: true },
  "cache-dir": { type: "string", default: DEFAULT_CACHE_DIR },
  "no-cache": { type: "boolean", default: false },
} as const;

/**
 * The pipeline's options from those parsed values.
 * @example
 * await buildFromInputs(inputs, { ...entityPipelineOptions(args), say });
 */
export function entityPipelineOptions(args: {
  "no-entities"?: boolean;
  registry?: string;
  facet?: string[];
  "cache-dir"?: string;
  "no-cache"?: boolean;
}): Pick<PipelineOptions, "entities" | "registry" | "facets" | "cache"> {
  return {
    entities: !args["no-entities"],
    registry: args.registry,
    facets: args.facet,
    ...(args["no-cache"] ? {} : { cache: args["cache-dir"] }),
  };
}
