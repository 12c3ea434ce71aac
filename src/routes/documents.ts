/** @module `/documents/:id`: a whole document with its metadata. */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

export const documentRoutes = new Hono<AppEnv>().get("/documents/:id", async (c) => {
  const reader = await c.var.bundle();
  const doc = await reader.document(c.req.param("id"));
  if (!doc) throw new AppError("document_not_found", `No document has the id "${c.req.param("id").slice(0, 200)}".`);
  return c.json({ ...doc, date: doc.date ?? null, url: doc.url ?? null });
});
