/** @module The manifest of a version (and the live pointer, the same value under `manifest`): format, layout, engine settings, counts. */
import { isManifest, type Manifest } from "../bundle";
import { type Codec, jsonCodec } from "./codec";

export const manifestCodec: Codec<Manifest, "manifest"> = jsonCodec<Manifest, "manifest">("manifest", 2, (raw) => {
  if (!isManifest(raw)) throw new Error("not a manifest");
});
