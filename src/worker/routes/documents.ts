/** @module `/documents/:id`: a whole document with its metadata. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { AppError } from "../../errors";
import { DEFAULT_LANGUAGE } from "../../format/analyzer";
import type { BundleReader } from "../../format/reader";
import { similarTo } from "../../search/similar";
import { DocumentResponse, ErrorResponse, errorResponses, IdParam, SimilarQuery, SimilarResponse } from "../api/schemas";
import { validationHook } from "../api/validation";
import type { AppEnv } from "../app-env";

const route = createRoute({
  method: "get",
  path: "/documents/{id}",
  summary: "One whole document",
  request: { params: IdParam },
  responses: {
    200: { description: "The document", content: { "application/json": { schema: DocumentResponse } } },
    404: { description: "No document has this id", content: { "application/json": { schema: ErrorResponse } } },
    ...errorResponses,
  },
});

/**
 * A stored document as `/documents/:id` answers it: nulls for what it lacks, its language (a bundle of before
 * languages holds English documents only), and its near-duplicates as counted and listed in its metadata.
 * @example
 * documentAnswer(await reader.document("a")); // { id: "a", ..., duplicates: 0, duplicate_ids: [] }
 */
export function documentAnswer(doc: NonNullable<Awaited<ReturnType<BundleReader["document"]>>>) {
  const { duplicates, ...stored } = doc;
  return {
    ...stored,
    date: doc.date ?? null,
    url: doc.url ?? null,
    lang: doc.lang ?? DEFAULT_LANGUAGE,
    mentions: doc.mentions ?? [],
    duplicates: duplicates?.count ?? 0,
    duplicate_ids: duplicates?.ids ?? [],
  };
}

const similarRoute = createRoute({
  method: "get",
  path: "/documents/{id}/similar",
  summary: "Related articles of a document",
  request: { params: IdParam, query: SimilarQuery },
  responses: {
    200: { description: "Its related articles", content: { "application/json": { schema: SimilarResponse } } },
    404: { description: "No document has this id", content: { "application/json": { schema: ErrorResponse } } },
    ...errorResponses,
  },
});

const notFound = (id: string) => new AppError("document_not_found", `No document has the id "${id.slice(0, 200)}".`);

export const documentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const reader = await c.var.bundle();
    const doc = await reader.document(id);
    if (!doc) throw notFound(id);
    return c.json(documentAnswer(doc), 200);
  })
  .openapi(similarRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { limit } = c.req.valid("query");
    const reader = await c.var.bundle();
    const similar = await similarTo(reader, id, limit);
    if (!similar) throw notFound(id);
    return c.json({ id, similar }, 200);
  });
