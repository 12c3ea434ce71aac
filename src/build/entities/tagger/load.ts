/** @module The committed tagger model: where it lives, and loading it once per process with a clear error when it is missing or damaged. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeModel, EntityModelError, type TaggerModel } from "./model";

/** The model file `npm run train:entities` writes and the build reads. */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL("./entities.model", import.meta.url));

let loaded: TaggerModel | undefined;

/**
 * Reads and decodes a model file. Throws an `EntityModelError`: "entity_model_missing" when the file cannot be
 * read, "entity_model_corrupt" when its bytes are not a model.
 * @example
 * loadModel("/no/such.model"); // throws EntityModelError { code: "entity_model_missing" }
 */
export function loadModel(path: string = DEFAULT_MODEL_PATH): TaggerModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new EntityModelError(
      "entity_model_missing",
      `${path}: cannot read the entity model (${(error as Error).message}); run npm run train:entities`,
    );
  }
  try {
    return decodeModel(bytes);
  } catch (error) {
    if (error instanceof EntityModelError) throw new EntityModelError(error.code, `${path}: ${error.message}`);
    throw error;
  }
}

/**
 * The model the build uses, loaded on first use: the file named by the `ENTITY_MODEL` environment variable (one
 * written by `npm run train:entities -- --out FILE`), else the committed one.
 * @example
 * tagDocument(defaultModel(), [["Kabul", "fell", "."]]); // [[{ from: 0, to: 1, type: 2 }]]
 */
export function defaultModel(): TaggerModel {
  loaded ??= loadModel(modelPath());
  return loaded;
}

/** The model file the build uses: `ENTITY_MODEL`, else the committed one. */
export const modelPath = (): string => process.env.ENTITY_MODEL || DEFAULT_MODEL_PATH;
