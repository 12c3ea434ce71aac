/** @module Vitest global setup: builds the widget first, since the Worker serves the generated module. */
import { buildWidget } from "../scripts/build/build-widget";

export default async function setup(): Promise<void> {
  await buildWidget();
}
