/** @module An empty `worker_threads` for the Worker build: FlexSearch imports it only for its worker mode, which the Worker never uses. */
export const Worker = undefined;
export default {};
